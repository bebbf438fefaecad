/** knowledge/banner-wording.json matches its schema, and labels are classified the way a visitor reads them. */
import { expect } from 'chai';
import { Ajv } from 'ajv';
import wording from '../../knowledge/banner-wording.json' with { type: 'json' };
import schema from '../../knowledge/banner-wording.schema.json' with { type: 'json' };
import { classifyLabel, compileWording, isSaveLabel, matchWording, normalise, type BannerWording } from '../../banner/wording.ts';

const compiled = compileWording(wording as BannerWording);

describe('banner wording: data', () => {
  it('matches its JSON Schema', () => {
    const check = new Ajv({ allErrors: true }).compile(schema);
    const ok = check(wording);
    expect(ok ? [] : check.errors!.map((e) => `${e.instancePath} ${e.message}`)).to.deep.equal([]);
  });

  it('the schema rejects a language without reject labels', () => {
    const check = new Ajv({ allErrors: true }).compile(schema);
    const broken = structuredClone(wording) as { languages: Record<string, Record<string, unknown>> };
    delete broken.languages.fr!.reject;
    expect(check(broken)).to.equal(false);
  });

  it('covers French, English and the main EU languages', () => {
    expect(Object.keys(wording.languages)).to.include.members(['fr', 'en', 'de', 'es', 'it', 'nl', 'pt', 'pl']);
  });

  it('stores phrases already normalised, so what is written is what is matched', () => {
    for (const [lang, w] of Object.entries((wording as BannerWording).languages)) {
      for (const p of [...w.keywords, ...w.strongPhrases, ...w.accept, ...w.reject, ...w.settings]) expect(normalise(p), `${lang}: ${p}`).to.equal(p);
    }
  });
});

describe('banner wording: matching', () => {
  it('normalises case, accents, apostrophes and whitespace', () => {
    expect(normalise('  J’ACCEPTE\n les   Cookies !')).to.equal('j accepte les cookies');
    expect(normalise('Paramétrer')).to.equal('parametrer');
    expect(normalise('Kun nødvendige')).to.equal('kun nodvendige');
  });

  const cases: Array<[string, string | null]> = [
    ['Tout accepter', 'accept'], ['ACCEPTER', 'accept'], ["J'accepte", 'accept'], ['J’accepte', 'accept'], ['Accept all', 'accept'], ['Alle akzeptieren', 'accept'],
    ['Tout refuser', 'reject'], ['Refuser', 'reject'], ['Continuer sans accepter →', 'reject'], ['Reject all', 'reject'], ['Decline', 'reject'],
    ['Alle ablehnen', 'reject'], ['Rechazar todo', 'reject'], ['Accept only necessary cookies', 'reject'], ['Odrzuć wszystkie', 'reject'],
    ['Personnaliser', 'settings'], ['Paramétrer', 'settings'], ['Manage options', 'settings'], ['Einstellungen', 'settings'],
    ['Lire la suite', null], ['Politique de confidentialité', null], ['Accepteriez-vous une newsletter', null],
  ];
  for (const [label, kind] of cases) {
    it(`reads "${label}" as ${kind ?? 'no consent control'}`, () => expect(classifyLabel(label, compiled)).to.equal(kind));
  }

  it('ignores labels too long to be buttons', () => {
    expect(classifyLabel(`Accepter ${'x '.repeat(60)}`, compiled)).to.equal(null);
  });

  it('finds consent wording at word starts, and banner sentences', () => {
    expect(matchWording('Ce site dépose des Cookies.', compiled)).to.deep.equal({ keyword: true, strong: false });
    expect(matchWording('Nous utilisons des cookies.', compiled)).to.deep.equal({ keyword: true, strong: true });
    expect(matchWording('Biscuits (cookies-free) recipe', compiled).keyword).to.equal(true);
    expect(matchWording('Horaires d’ouverture de la mairie', compiled)).to.deep.equal({ keyword: false, strong: false });
  });

  it('reads a second layer\'s save control, the longest phrase deciding against accept and reject', () => {
    for (const label of ['Enregistrer mes choix', 'Valider', 'Accepter la sélection', 'Save preferences', 'Auswahl speichern', 'Guardar preferencias']) {
      expect(isSaveLabel(label, compiled), label).to.equal(true);
    }
    for (const label of ['Tout accepter', 'Tout refuser', 'Paramétrer', 'Accept all', 'Lire la suite']) {
      expect(isSaveLabel(label, compiled), label).to.equal(false);
    }
  });
});
