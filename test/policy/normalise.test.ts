/** Unicode normalisation and sentence splitting (policy/normalise.ts, policy/sections.ts). */
import { expect } from 'chai';
import { normaliseText, splitSentences, textBlocks, POLICY_VOCABULARY as V } from '../../policy/index.ts';

describe('policy: normalisation', () => {
  it('turns non-breaking spaces, U+2010/U+2011 hyphens and curly quotes into plain ones', () => {
    expect(normaliseText('13\u00a0mois')).to.equal('13 mois');
    expect(normaliseText('13\u202fmois')).to.equal('13 mois');
    expect(normaliseText('aix\u2010en\u2010provence.cesi.fr')).to.equal('aix-en-provence.cesi.fr');
    expect(normaliseText('6\u2011mois')).to.equal('6-mois');
    expect(normaliseText('computer\u2019s')).to.equal("computer's");
    expect(normaliseText('clicking \u201cI accept\u201d')).to.equal('clicking "I accept"');
    expect(normaliseText('sur \u00ab\u00a0J\u2019accepte\u00a0\u00bb')).to.equal('sur "J\'accepte"');
  });

  it('applies NFKC, drops soft hyphens and zero-width characters, and collapses whitespace', () => {
    expect(normaliseText('ﬁnalité')).to.equal('finalité');
    expect(normaliseText('coo\u00adkie\u200b  \t policy\n')).to.equal('cookie policy');
  });

  it('splits sentences but not after abbreviations', () => {
    expect(splitSentences('Cookies are stored for 13 months. Data is kept for 3 years.', V))
      .to.deep.equal(['Cookies are stored for 13 months.', 'Data is kept for 3 years.']);
    expect(splitSentences('Some browsers, e.g. Firefox, block them. Others do not.', V)).to.have.length(2);
  });

  it('guesses headings in plain text and gives each line its section, bullets stripped', () => {
    const blocks = textBlocks('2.6 Google Analytics\n\nMGI uses Google Analytics.\n  \u2022 cesi.fr\n', V);
    expect(blocks).to.deep.equal([
      { text: 'MGI uses Google Analytics.', section: '2.6 Google Analytics', item: false },
      { text: 'cesi.fr', section: '2.6 Google Analytics', item: true },
    ]);
  });
});
