/**
 * A page that times out while the crawl's pages run late timed out because of the machine, not the
 * site: it is visited again with RECHECK_SLOWDOWN times the page-load limit, and that visit is judged.
 * On a calm machine the same timeout is the site's. The crawl's pace is given here (`pace`), so the
 * test does not depend on how busy the machine running it is; the page and the browser are real.
 */
import { expect } from 'chai';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../../crawler/crawl.ts';
import { PHASES } from '../../src/model.ts';
import { createSiteRunner, RECHECK_SLOWDOWN } from '../../crawler/site-runner.ts';
import { loadConfig } from '../../src/config.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { addTargets } from '../../queue/add.ts';
import { collect } from '../../queue/collector.ts';
import { openRedis } from '../../queue/connection.ts';
import { resolveRedis } from '../../queue/redis-url.ts';
import { runWorker } from '../../queue/worker.ts';
import { startRedis } from '../helpers/redis.ts';

/** The page's image answers after this long: past the page-load limit, within the re-check's. */
const IMAGE_DELAY_MS = 2500;
const TIMEOUT_MS = 1500;

describe('a page timeout on a busy machine (real Chromium)', function () {
  this.timeout(120_000);
  let server: Server;
  let url: string;
  before(async () => {
    expect(IMAGE_DELAY_MS).to.be.above(TIMEOUT_MS).and.below(TIMEOUT_MS * RECHECK_SLOWDOWN);
    server = createServer((req, res) => {
      if (req.url === '/lent.png') {
        setTimeout(() => res.writeHead(204).end(), IMAGE_DELAY_MS);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Accueil</title><p>Bonjour</p><img src="/lent.png" alt="">');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => { server?.closeAllConnections(); server?.close(); });

  const crawlOnce = async (starved: boolean) => {
    const runner = createSiteRunner({ settle: 300, timeout: TIMEOUT_MS, pages: 0, includeValues: false, pace: () => ({ pressure: starved ? 1 : 0, starved }) });
    try {
      return await runner.run(url);
    } finally {
      await runner.close();
    }
  };

  it('is visited again with longer waits and judged on that visit', async () => {
    const site = await crawlOnce(true);
    expect([site.status, site.error?.code ?? null]).to.deep.equal(['ok', null]);
    expect(site.measurement?.rechecked).to.deep.equal(['timeout']);
    expect(site.measurement?.recheckChanged).to.equal(true);
  });

  it('is the site\'s timeout on a calm machine', async () => {
    const site = await crawlOnce(false);
    expect([site.status, site.error?.code ?? null]).to.deep.equal(['error', 'timeout']);
  });
});

/**
 * The crawl's own pace, measured (crawler/browser-canary.ts): the browser stops answering while a
 * page loads (its main process is stopped, as a flood or a starved runner stalls it), so the page
 * times out before any of its main-thread round trips could be sampled. The crawler saw its browser
 * late and visits the site again, instead of blaming the site; so does a queue worker, with its own pace.
 */
describe('a page timeout while the browser itself stalls (real Chromium, real crawl pace)', function () {
  this.timeout(180_000);
  const STALL_MS = 9000;
  const LIMIT_MS = 5000;
  let server: Server;
  let url: string;
  let browserPid: number | null = null;
  let stalled = false;
  let pageRequests = 0;
  const held: ServerResponse[] = [];
  // Each test stalls the browser it launches, once (browserPid is set at launch).
  beforeEach(() => {
    browserPid = null;
    stalled = false;
    pageRequests = 0;
    held.length = 0;
  });
  before(async () => {
    const page = '<!doctype html><title>Accueil</title><p>Bonjour</p>';
    server = createServer((req, res) => {
      if (req.url !== '/' || ++pageRequests > PHASES.length || browserPid === null) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      // The first visit's three page loads are held until all are under way; then the browser is
      // stalled and they are answered, so every phase's load (the initial's is the site's) waits on it.
      held.push(res);
      if (held.length < PHASES.length) return;
      stalled = true;
      process.kill(browserPid, 'SIGSTOP');
      setTimeout(() => { process.kill(browserPid!, 'SIGCONT'); }, STALL_MS).unref();
      for (const r of held) r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => {
    if (browserPid !== null) try { process.kill(browserPid, 'SIGCONT'); } catch { /* gone */ }
    server?.closeAllConnections();
    server?.close();
  });

  it('is re-checked and judged on the second visit, not reported as the site\'s timeout', async () => {
    expect(STALL_MS).to.be.above(LIMIT_MS).and.below(LIMIT_MS * RECHECK_SLOWDOWN);
    const report = await crawl([url], { out: null, concurrency: 1, settle: 300, timeout: LIMIT_MS, pages: 0, policy: 'off', onBrowser: (pid) => { browserPid = pid; } });
    expect(stalled, 'the browser was stalled').to.equal(true);
    const [site] = report.sites;
    expect([site!.status, site!.error?.code ?? null], JSON.stringify(site!.error)).to.deep.equal(['ok', null]);
    expect(site!.measurement?.rechecked).to.deep.equal(['timeout']);
  });

  it('is re-checked by a queue worker too (real redis-server, the worker\'s own pace)', async () => {
    const server = await startRedis();
    const dir = await mkdtemp(join(tmpdir(), 'cookie-audit-worker-pace-'));
    const target = resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url });
    const redis = await openRedis(target);
    try {
      await addTargets({
        redis, connection: target, run: 'stall', targets: [url], config: loadConfig({}, ENGINE.ruleIds),
        crawl: { pages: 0, settle: 300, timeout: LIMIT_MS, siteTimeout: null, includeValues: false, policy: 'off' },
      });
      // The worker's own runner, told the browser's pid so the test can stall it; its pace is the worker's.
      const worker = runWorker({ redis: target, run: 'stall', concurrency: 1, browserArgs: [], allowSchemes: [], idleExitMs: 2000, log: () => {},
        createRunner: (o) => createSiteRunner({ ...o, onBrowser: (pid) => { browserPid = pid; } }) });
      const r = await collect({ redis: target, run: 'stall', out: join(dir, 'out'), follow: true, blockMs: 200, log: () => {} });
      await worker;
      expect(stalled, 'the browser was stalled').to.equal(true);
      const [site] = [...r.report.sites];
      expect([site!.status, site!.error?.code ?? null], JSON.stringify(site!.error)).to.deep.equal(['ok', null]);
      expect(site!.measurement?.rechecked).to.deep.equal(['timeout']);
    } finally {
      redis.disconnect();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
