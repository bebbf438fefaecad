/**
 * Runs `cookie-audit crawl` (the CLI's `main(argv, io)`, in-process) over the fixture web (real consent managers and analytics
 * clients on many host names) and checks, site by site, what an auditor would check in the report.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Phase, Report, SiteAudit } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sharedFixtureCrawl, sharedFixtureWeb } from '../support/shared.ts';
import { reportErrors } from '../helpers/schema.ts';

const DAY = 86400;

describe('cookie-audit crawl over the fixture web (real Chromium)', function () {
  // Every fixture site (about 40) in three phases, with re-checks and the policy step.
  this.timeout(900_000);
  let web: FixtureWeb;
  let out: string;
  let result: { code: number | null; stdout: string; stderr: string };
  let report: Report;
  const siteUrl = (host: string) => {
    const s = web.sites.find((x) => x.host === host)!;
    return `${web.origin(s.host, s.scheme)}${s.path}`;
  };
  const audit = (host: string): SiteAudit => {
    const found = report.sites.find((s) => s.url === siteUrl(host));
    expect(found, `site ${host} in the report`).to.not.equal(undefined);
    return found!;
  };
  const cookiesOf = (site: SiteAudit, phase: Phase) => site.cookies.filter((c) => c.phase === phase);

  before(async function () {
    // The crawl of every fixture site (~45) is shared: started here unless an earlier file did.
    this.timeout(30 * 60_000);
    web = await sharedFixtureWeb();
    // Half the sites come from a list file (with comments), half from arguments, plus an unknown host.
    ({ out, result, report } = await sharedFixtureCrawl() as { out: string; result: typeof result; report: Report });
  });

  it('completes with exit status 0, a schema-valid report.json and one results.jsonl line per site', () => {
    expect(result.code, result.stderr).to.equal(0);
    expect(reportErrors(report)).to.deep.equal([]);
    expect(report.sites).to.have.length(web.sites.length + 1);
    const lines = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SiteAudit);
    expect(lines.map((s) => s.url)).to.have.members(report.sites.map((s) => s.url));
  });

  it('prints a summary table naming every site', () => {
    expect(result.stdout).to.match(/site\s+banner\s+cookies\s+failing rules/);
    for (const s of web.sites) expect(result.stdout).to.include(s.host);
  });

  it('reports an unknown host as a `dns` error without stopping the other sites', () => {
    const bad = report.sites.find((s) => s.url === 'https://unknown-host.invalid/')!;
    expect(bad.status).to.equal('error');
    expect(bad.error?.code).to.equal('dns');
    expect(report.sites.filter((s) => s.status === 'ok')).to.have.length(web.sites.length);
  });

  it('gives every fixture site the rule outcomes its design calls for', () => {
    const wrong: string[] = [];
    for (const s of web.sites) {
      const site = audit(s.host);
      for (const [rule, expected] of Object.entries(s.expected)) {
        const got = site.rules.find((r) => r.id === rule)?.outcome;
        if (got !== expected) wrong.push(`${s.host} ${rule}: expected ${expected}, got ${got} (${site.error?.message ?? site.findings.filter((f) => f.rule === rule).map((f) => f.message).join(' | ')})`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('sees the cookies each site must hold per phase, and not the ones it must not', () => {
    const wrong: string[] = [];
    for (const s of web.sites) {
      const site = audit(s.host);
      for (const phase of ['initial', 'accepted', 'refused'] as const) {
        // Held at the end of the phase: a cookie the site wrote and then deleted (on refusal) is not.
        const names = new Set(cookiesOf(site, phase).filter((c) => c.presentAtEnd !== false).map((c) => c.name));
        for (const name of s.expectedCookies?.[phase] ?? []) if (!names.has(name)) wrong.push(`${s.host} ${phase}: missing ${name}`);
        for (const name of s.absentCookies?.[phase] ?? []) if (names.has(name)) wrong.push(`${s.host} ${phase}: unexpected ${name}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('sees third-party cookies set in a cross-site iframe, by header and by script', () => {
    const site = audit('iframe-tiers.test');
    const byName = new Map(cookiesOf(site, 'initial').map((c) => [c.name, c]));
    expect(byName.get('ad_id')).to.deep.include({ party: 'third', source: 'header', domain: 'ads.tracker.test' });
    expect(byName.get('ad_id')!.frameUrl).to.match(/^https:\/\/ads\.tracker\.test\//);
    expect(byName.get('ad_seen')).to.deep.include({ party: 'third', source: 'script', declaredMaxAge: 30 * DAY });
    // Chromium's default third-party cookie blocking is lifted: it refused none of them.
    const artefact = JSON.parse(readFileSync(join(out, 'iframe-tiers.test', 'observations.json'), 'utf8'));
    expect(artefact.blockedCookies.initial).to.deep.equal([]);
  });

  it('sees a cookie set on a redirect, with its declared Max-Age and the redirecting URL as setter', () => {
    const site = audit('redirection.test');
    expect(site.finalUrl).to.equal('https://redirection.test/accueil');
    const c = cookiesOf(site, 'initial').find((x) => x.name === 'redir_track');
    expect(c).to.deep.include({ source: 'header', declaredMaxAge: 30 * DAY, setterUrl: 'https://redirection.test/' });
    expect(c!.storedExpires).to.be.a('string');
  });

  it('catches a cookie written by a timer seconds after load', () => {
    const c = cookiesOf(audit('cookie-differe.test'), 'initial').find((x) => x.name === 'visite_differee');
    expect(c).to.deep.include({ source: 'script', declaredMaxAge: 30 * DAY });
  });

  it('finds the banners, clicks them, and saves a screenshot before interaction', () => {
    for (const s of web.sites.filter((x) => x.cmp !== null)) {
      const site = audit(s.host);
      expect(site.banner.detected, `${s.host} banner`).to.equal(true);
      expect(site.banner.screenshot, `${s.host} screenshot`).to.be.a('string');
      expect(existsSync(join(out, site.banner.screenshot!)), `${s.host} screenshot file`).to.equal(true);
      expect(site.banner.phases.accepted?.clicked, `${s.host} accept click`).to.equal('accept');
    }
    for (const s of web.sites.filter((x) => x.cmp === null)) expect(audit(s.host).banner.detected, `${s.host} has no banner`).to.equal(false);
  });

  it('redacts cookie values by default', () => {
    const values = report.sites.flatMap((s) => s.cookies.map((c) => c.value));
    expect(values.length).to.be.greaterThan(0);
    expect(values.every((v) => v === null)).to.equal(true);
  });
});
