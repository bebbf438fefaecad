/**
 * `npm start`: serves the bundled demo sites (the fixture web) on 127.0.0.1 and crawls them with the
 * real CLI, so a fresh machine sees a full audit without any network.
 *
 * @example npm start -- --out ./demo-report --concurrency 2   (extra arguments go to `cookie-audit crawl`)
 */
import { startFixtureWeb } from '../test/fixtures/web/server.ts';
import { main } from '../cli/main.ts';

const web = await startFixtureWeb();
const targets = web.sites.map((s) => web.origin(s.host, s.scheme) + s.path);
process.stdout.write(`Demo web: ${targets.length} sites served on 127.0.0.1:${web.port} (every host name is routed there).\n`);
let code = 1;
try {
  code = await main(['node', 'cookie-audit', 'crawl', ...targets,
    // The demo sites break rules on purpose: a finished crawl is a success here, whatever it found.
    '--fail-on', 'never', ...web.browserArgs.map((a) => `--browser-arg=${a}`), ...process.argv.slice(2)]);
} finally {
  await web.close();
}
process.exit(code);
