/** Each text format rendered from the sample report: content, escaping of hostile strings, value redaction. */
import { expect } from 'chai';
import * as cheerio from 'cheerio';
import { FORMATS, FormatError, parseFormats, render } from '../../reports/index.ts';
import { csvCell } from '../../reports/csv.ts';
import { cleanSite, HOSTILE, PIXEL_PNG, sampleReport } from './sample.ts';
import { siteLine } from '../../cli/progress.ts';
import type { SiteAudit } from '../../src/model.ts';
import { parseCsv } from '../../scripts/csv.ts';

describe('report formats', () => {
  describe('parseFormats / render', () => {
    it('accepts a comma-separated list, aliases and duplicates', () => {
      expect(parseFormats('json, HTML,markdown,md')).to.deep.equal(['json', 'html', 'md']);
    });

    it('rejects an unknown format naming it and every valid one', () => {
      expect(() => parseFormats('json,pdf')).to.throw(FormatError, /`pdf`.*json, html, md, csv, junit, sarif/);
      expect(() => parseFormats(' , ')).to.throw(FormatError, /at least one/);
      expect(() => render(sampleReport(), 'docx')).to.throw(FormatError, /`docx`.*sarif/);
    });

    it('renders every format to a non-empty string', () => {
      for (const f of FORMATS) expect(render(sampleReport(), f).length, f).to.be.greaterThan(100);
    });
  });

  describe('json', () => {
    it('round-trips the report, with cookie values removed unless asked', () => {
      const report = sampleReport();
      const redacted = JSON.parse(render(report, 'json'));
      expect(redacted.sites.map((s: { url: string }) => s.url)).to.deep.equal(report.sites.map((s) => s.url));
      expect(redacted.sites[0].cookies.every((c: { value: unknown }) => c.value === null)).to.equal(true);
      const full = JSON.parse(render(report, 'json', { includeValues: true }));
      expect(full).to.deep.equal(report);
    });
  });

  describe('a visit judged after a re-check, still late', () => {
    const late = { ...cleanSite(), measurement: { rechecked: ['no-banner' as const], recheckChanged: false, degraded: true, pressure: 0.625 } };
    const calm = { ...cleanSite(), measurement: { rechecked: [], recheckChanged: null, degraded: false, pressure: 0.02 } };

    it('says so in the HTML site facts, in English and French, and not for a calm visit', () => {
      const facts = (site: SiteAudit, lang: 'en' | 'fr') => cheerio.load(render(sampleReport([site]), 'html', { lang }))('dl.facts').text();
      expect(facts(late, 'en')).to.include('visited again with three times the waits before judging (no banner seen); the same findings.')
        .and.include('Degraded: its pages still answered late (63 % of the time)');
      expect(facts(late, 'fr')).to.include('aucun bandeau vu').and.include('Dégradée : ses pages répondaient encore en retard (63 % du temps)');
      expect(facts(calm, 'en')).to.not.include('Measurement');
    });

    it('marks the progress line', () => {
      expect(siteLine(late, 1, 2)).to.match(/ok: .*\(degraded: its pages ran late/);
      expect(siteLine(calm, 1, 2)).to.not.include('degraded');
    });
  });

  describe('html', () => {
    const html = render(sampleReport(), 'html', { assets: { 'shots/shop.png': PIXEL_PNG } });
    const $ = cheerio.load(html);

    it('escapes every hostile string: none becomes an element or an attribute', () => {
      expect($('script')).to.have.length(0);
      expect($('iframe')).to.have.length(0);
      expect($('#injected, #injected2')).to.have.length(0);
      expect($('*').toArray().some((el) => Object.keys((el as { attribs?: object }).attribs ?? {}).some((a) => a.startsWith('on')))).to.equal(false);
      expect($('body').text()).to.include(HOSTILE.cookieName).and.include(HOSTILE.bannerText).and.include(HOSTILE.errorMessage);
    });

    it('never links a javascript: URL and embeds only data: images', () => {
      const hrefs = $('a[href]').toArray().map((a) => $(a).attr('href') ?? '');
      expect(hrefs.filter((h) => !/^(https?:\/\/|#)/.test(h))).to.deep.equal([]);
      expect($('body').text()).to.include(HOSTILE.setterUrl);
      expect($('img').toArray().map((i) => $(i).attr('src'))).to.deep.equal([PIXEL_PNG]);
    });

    it('ignores an asset that is not a base64 image data URI', () => {
      const $$ = cheerio.load(render(sampleReport(), 'html', { assets: { 'shots/shop.png': 'https://evil.test/x.png' } }));
      expect($$('img')).to.have.length(0);
    });

    it('forbids scripts and fetches with a Content-Security-Policy', () => {
      const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
      expect(csp).to.include("default-src 'none'").and.include('img-src data:');
    });

    it('leaves cookie values out unless asked', () => {
      expect(html).not.to.include('GA1.1.123.456');
      expect($('th').toArray().map((th) => $(th).text())).not.to.include('Value');
      const withValues = render(sampleReport(), 'html', { includeValues: true });
      expect(withValues).to.include('GA1.1.123.456');
    });

    it('shows per site the findings with the legal reference and the remedy, and the cookies per phase', () => {
      const site = $('#site-1');
      expect(site.find('.result.fail')).to.have.length(2);
      expect(site.find('.result.fail a[href^="https://www.cnil.fr/"]').length).to.be.greaterThan(0);
      expect(site.find('.result.fail .advice').first().text()).to.include('What to fix');
      expect(site.find('h4').toArray().map((h) => $(h).text())).to.include.members([
        'Before any interaction (2)', 'After accepting (2)', 'After refusing (1)',
      ]);
      expect($('#site-3 .error-box').text()).to.include('dns');
    });

    it('speaks French with lang fr', () => {
      const fr = cheerio.load(render(sampleReport(), 'html', { lang: 'fr' }));
      expect(fr('html').attr('lang')).to.equal('fr');
      expect(fr('body').text()).to.include('Vue d\'ensemble').and.include('Que corriger').and.include('Avant toute interaction');
    });
  });

  describe('markdown', () => {
    const md = render(sampleReport(), 'md');

    it('summarises totals, the failing rules per site and the top findings', () => {
      expect(md).to.match(/3 sites · 2 audited · 1 with a breach/);
      expect(md).to.match(/\| shop\.example\.fr \| ❌ 2 \| ❌ 1 \|/);
      expect(md).to.include('Top findings');
      expect(md).to.include('could not be audited');
    });

    it('neutralises markup and links from the site', () => {
      expect(md).not.to.match(/<img|<script|<svg/i);
      expect(md).to.include('&lt;img src=x onerror=alert\\(1\\)&gt;');
    });

    it('stays short for many sites and findings', () => {
      const report = sampleReport();
      const many = Array.from({ length: 400 }, (_, i) => ({ ...report.sites[0], url: `https://s${i}.example.fr/`, finalUrl: `https://s${i}.example.fr/` }));
      const long = render(sampleReport(many), 'md');
      expect(long.length).to.be.lessThan(65_536);
      expect(long).to.match(/and 370 more sites/);
      expect(long).to.match(/and 1185 more findings/);
    });
  });

  describe('csv', () => {
    it('has one row per cookie per phase per site, quoted per RFC 4180', () => {
      const report = sampleReport();
      const rows = parseCsv(render(report, 'csv', { includeValues: true }))!;
      const [head, ...body] = rows;
      expect(body).to.have.length(report.sites.reduce((n, s) => n + s.cookies.length, 0));
      expect(body.every((r) => r.length === head.length)).to.equal(true);
      const col = (name: string) => head.indexOf(name);
      const hostile = body.find((r) => r[col('name')] === HOSTILE.cookieName)!;
      expect(hostile[col('value')]).to.equal(HOSTILE.cookieValue);
      expect(hostile[col('domain')]).to.equal(HOSTILE.domain);
      expect(hostile[col('phase')]).to.equal('initial');
      expect(hostile[col('findings')]).to.equal('cookies-before-consent');
    });

    it('neutralises spreadsheet formulas with a leading quote', () => {
      const rows = parseCsv(render(sampleReport(), 'csv', { includeValues: true }))!;
      const names = rows.map((r) => r[3]);
      expect(names).to.include(`'${HOSTILE.formula}`);
      expect(names.some((n) => /^[=+\-@]/.test(n))).to.equal(false);
      expect(csvCell('@SUM(A1)')).to.equal("'@SUM(A1)");
      expect(csvCell('+1')).to.equal("'+1");
      expect(csvCell(-3)).to.equal('-3');
    });

    it('leaves values empty unless asked', () => {
      const rows = parseCsv(render(sampleReport(), 'csv'))!;
      const v = rows[0].indexOf('value');
      expect(rows.slice(1).every((r) => r[v] === '')).to.equal(true);
    });
  });
});
