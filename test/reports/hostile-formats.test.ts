/**
 * Every output format with a report a hostile site produced (test/helpers/hostile-report.ts): no raw
 * control byte from a site string in any file (JSON files escape them), CSV cells that no
 * spreadsheet runs as a formula — whichever separator its locale splits on — and Markdown in which
 * GitHub finds no link, mention, issue reference or HTML.
 */
import { expect } from 'chai';
import { FORMATS, render } from '../../reports/index.ts';
import { csvCell } from '../../reports/csv.ts';
import { parseCsv } from '../../scripts/csv.ts';
import { mdText } from '../../reports/markdown.ts';
import { FORMULA_URL, hostileReport, RAW_CONTROL, TERMINAL_PAYLOAD } from '../helpers/hostile-report.ts';

const FORMULA = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r]/;

describe('every format keeps a hostile site\'s strings inert', () => {
  const report = hostileReport();

  for (const includeValues of [false, true]) {
    for (const format of FORMATS) {
      it(`${format}${includeValues ? ' --include-values' : ''}: no raw control byte from a site string`, () => {
        const text = render(report, format, { lang: 'en', includeValues });
        // CSV ends its lines with CRLF (RFC 4180): those are ours, the rest of the file has no CR.
        const body = format === 'csv' ? text.replace(/\r\n/g, '\n') : text;
        const m = RAW_CONTROL.exec(body) ?? /\r/.exec(body);
        expect(m && JSON.stringify(body.slice(Math.max(0, m.index - 40), m.index + 10)), `${format}`).to.equal(null);
      });
    }
  }

  it('json and sarif escape the payload and keep it: parsing gives back the site\'s exact text', () => {
    const json = JSON.parse(render(report, 'json', { includeValues: true }));
    expect(json.sites[0].cookies.map((c: { name: string }) => c.name)).to.include(`_ga${TERMINAL_PAYLOAD}`);
    const sarif = JSON.parse(render(report, 'sarif'));
    expect(JSON.stringify(sarif)).to.include('\\u001b[1A');
  });

  describe('csv', () => {
    const text = render(report, 'csv', { includeValues: true });

    for (const [name, sep] of [['comma (RFC 4180)', ','], ['semicolon (French Excel)', ';'], ['tab', '\t']] as const) {
      it(`no cell starts a formula when split on ${name}`, () => {
        const cells = parseCsv(text, sep)!.flat();
        const formulas = cells.filter((c) => FORMULA.test(c.replace(/^[\s"]+/, '')) || FORMULA.test(c));
        expect(formulas).to.deep.equal([]);
      });
    }

    it('quotes a field holding `;`, `,`, a tab, a line break or a quote, and prefixes formula starts (full-width too)', () => {
      expect(csvCell(FORMULA_URL)).to.equal(`"https://a.example/p;'=1+1"`);
      expect(csvCell('a,b')).to.equal('"a,b"');
      expect(csvCell('a\tb')).to.equal('"a\tb"');
      expect(csvCell('a\nb')).to.equal('"a\nb"');
      expect(csvCell('say "hi"')).to.equal('"say ""hi"""');
      for (const start of ['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) expect(csvCell(`${start}1+1`)).to.equal(`'${start}1+1`);
      expect(csvCell('\t=1')).to.equal(`"'\t'=1"`);
      expect(csvCell(' =1')).to.equal("' =1");
      expect(csvCell('\r=1')).to.equal("'=1"); // the CR is a control character: dropped, then the `=` neutralised
      expect(csvCell(-3)).to.equal('-3');
    });
  });

  describe('markdown', () => {
    const md = render(report, 'md');

    it('renders no site link, mention, issue reference or HTML on GitHub', () => {
      // Outside code spans: no bare URL, no www., no @name, no #123, no raw tag.
      // (numeric character references read as the character they stand for, as GitHub shows them).
      const prose = md.replace(/`[^`\n]*`/g, '').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
      expect(prose).not.to.match(/https?:\/\//);
      expect(prose).not.to.match(/\bwww\./);
      expect(prose).not.to.match(/@[A-Za-z0-9]/);
      expect(prose).not.to.match(/#[0-9]/);
      expect(prose).not.to.match(/<[a-z/!]/i);
      expect(prose).not.to.match(/\]\(/);
      // Inside code spans, no backtick or pipe from the site could end the span or the table cell.
      for (const span of md.match(/`[^`\n]*`/g) ?? []) expect(span.slice(1, -1)).not.to.match(/[|]/);
    });

    it('keeps the URL readable as a code span and breaks references with a zero-width joiner', () => {
      expect(mdText('see https://evil.example/a`b|c now')).to.equal('see `https://evil.example/a%60b%7Cc` now');
      expect(mdText('www.evil.example')).to.equal('`www.evil.example`');
      expect(mdText('@octocat #123 GH-4 jane@example.fr')).to.equal('@\u200doctocat \\#\u200d123 GH-\u200d4 jane@\u200dexample.fr');
      expect(mdText('<img src=x> [a](b)')).to.equal('&lt;img src=x&gt; \\[a\\]\\(b\\)');
      expect(mdText('javascript:alert(1)')).to.equal('`javascript:alert(1)`');
    });
  });
});
