/**
 * Crawls a few fixture-web sites with the real crawler (headless Chromium, three phases each) and
 * lists where the report disagrees with what each site declares (`expected`). When this run has
 * already crawled the whole fixture web (test/support/shared.ts, at default settings), the sites
 * are read from that crawl instead of being crawled again.
 *
 * @example
 *   const { report, wrong } = await crawlFixtureSites(['mesure-audience.test']);
 *   expect(wrong).to.deep.equal([]);
 */
import { crawl } from '../../crawler/crawl.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import { sharedFixtureWeb, startedFixtureCrawl } from '../support/shared.ts';

export interface FixtureCrawl {
  report: Report;
  /** `host rule: expected X, got Y (messages)` for every disagreement with a site's `expected`. */
  wrong: string[];
  audit(host: string): SiteAudit;
}

export async function crawlFixtureSites(hosts: readonly string[], o: { settle?: number } = {}): Promise<FixtureCrawl> {
  const web = await sharedFixtureWeb();
  const chosen = hosts.map((h) => {
    const s = web.sites.find((x) => x.host === h);
    if (!s) throw new Error(`no fixture site ${h}`);
    return s;
  });
  const url = (h: string) => { const s = chosen.find((x) => x.host === h)!; return `${web.origin(s.host, s.scheme)}${s.path}`; };
  const whole = await startedFixtureCrawl()?.catch(() => undefined);
  const report = whole?.report
    ? { ...whole.report, sites: whole.report.sites.filter((s) => chosen.some((c) => s.url === url(c.host))) }
    : await crawl(chosen.map((s) => url(s.host)), {
      out: null, concurrency: 2, settle: o.settle ?? 1500, timeout: 20_000, browserArgs: web.browserArgs,
    });
  const audit = (h: string): SiteAudit => {
    const found = report.sites.find((s) => s.url === url(h));
    if (!found) throw new Error(`site ${h} not in the report`);
    return found;
  };
  const wrong: string[] = [];
  for (const s of chosen) {
    const site = audit(s.host);
    for (const [rule, expected] of Object.entries(s.expected)) {
      const got = site.rules.find((r) => r.id === rule)?.outcome;
      if (got !== expected) wrong.push(`${s.host} ${rule}: expected ${expected}, got ${got} (${site.error?.message ?? site.findings.filter((f) => f.rule === rule).map((f) => f.message).join(' | ')})`);
    }
  }
  return { report, wrong, audit };
}
