/**
 * Hostile-web benchmark: crawls the flood hosts of test/fixtures/hostile/ (a cookie-write flood,
 * a for(;;) cookie loop, a beacon flood) among healthy fixture sites, and prints this Node process's
 * peak RSS and heap, each site's status and what its record says was capped. Prints figures;
 * asserts nothing (issue #13: "the crawl of the flood host finishes with the rest of the list under
 * a bounded memory").
 *
 * @example
 *   npx tsx bench/hostile.ts                  # default settle (3 s), site budget 90 s
 *   npx tsx bench/hostile.ts --settle 1000
 */
import { crawl } from '../crawler/crawl.ts';
import { startHostileWeb } from '../test/fixtures/hostile/server.ts';
import { startFixtureWeb } from '../test/fixtures/web/server.ts';
import { wholeNumberArg } from './args.ts';

const settle = wholeNumberArg('settle', 3000, 0);
const web = await startFixtureWeb();
const hostile = await startHostileWeb();
const floods = ['deluge-cookies.hostile.test', 'boucle-cookies.hostile.test', 'deluge-balises.hostile.test'].map((h) => hostile.url(h));
const healthy = ['sans-bandeau.test', 'stats-ua.test', 'trop-tot.test'].map((host) => {
  const s = web.sites.find((x) => x.host === host)!;
  return `${web.origin(s.host, s.scheme)}${s.path}`;
});
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 100);
const started = Date.now();
try {
  const report = await crawl([...floods, ...healthy], {
    out: null, concurrency: 3, settle, siteTimeout: 90_000, browserArgs: hostile.browserArgs({ otherPort: web.port }),
  });
  console.log(`${report.sites.length} sites in ${((Date.now() - started) / 1000).toFixed(0)} s, settle ${settle} ms; Node peak RSS ${mib(peakRss)}, peak heap ${mib(peakHeap)}`);
  console.log('site                                        status  cookies  requests  capped (dropped per phase)');
  for (const s of report.sites) {
    const capped = Object.entries(s.capture ?? {}).filter(([, n]) => n?.truncated).map(([p, n]) => `${p}: ${JSON.stringify(n!.dropped)}`).join('; ');
    console.log(`${s.url.padEnd(44)}${(s.error?.code ?? s.status).padEnd(8)}${String(s.cookies.length).padStart(7)}${String(s.requests.length).padStart(10)}  ${capped || '—'}`);
  }
} finally {
  clearInterval(sampler);
  await hostile.close();
  await web.close();
}
