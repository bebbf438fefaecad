/**
 * The options several commands share, declared once: output formats and language, the CI gating
 * flags (`crawl`, `report`, `judge`, `queue report`), the browser's settings (`crawl`, `worker`)
 * and the crawl settings (`crawl`, `queue add`); cli/crawl-options.ts parses the last two. Each
 * adder returns the command so calls chain.
 *
 * @example
 *   addGateOptions(addFormatOptions(program.command('report'), 'html'));
 */
import type { Command } from 'commander';
import { DEFAULTS } from '../crawler/defaults.ts';
import { FORMATS } from '../reports/formats.ts';
import { LANGS } from '../reports/render-options.ts';
import { FAIL_ON } from '../src/gate.ts';

/** `--format` (default `defaults`) and `--lang`. */
export function addFormatOptions(command: Command, defaults: string): Command {
  return command
    .option('--format <list>', `report formats, comma-separated: ${FORMATS.join(', ')} (default ${defaults})`)
    .option('--lang <lang>', `language of the HTML, Markdown, JUnit and SARIF text (CSV headers stay English): ${LANGS.join(' or ')} (default en)`);
}

/** `--fail-on`, `--allow-errors`, `--baseline`. */
export function addGateOptions(command: Command): Command {
  return command
    .option('--fail-on <level>', `exit 1 when a finding at this level or above remains: ${FAIL_ON.join(', ')} (default error)`)
    .option('--allow-errors', 'do not fail (exit 3) when a site could not be audited or a rule errored')
    .option('--baseline <report.json>', 'an earlier report: fail only on findings not in it, and list what was fixed since');
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--executable`, `--browser-arg`, `--allow-scheme`, `--ignore-https-errors`, `--no-sandbox` (parseBrowserSettings). */
export function addBrowserOptions(command: Command): Command {
  return command
    .option('--executable <path>', 'Chromium/Chrome binary (default: $CHROME_PATH, $PUPPETEER_EXECUTABLE_PATH, then the system one)')
    .option('--browser-arg <arg>', 'extra Chromium switch, repeatable (proxy, --host-resolver-rules, --ignore-certificate-errors)', collect)
    .option('--allow-scheme <scheme>', 'also accept targets with this scheme (only `file`; refused by default so a list cannot read local files)', collect)
    .option('--ignore-https-errors', 'audit sites whose certificate is invalid instead of reporting them as `tls` errors')
    .option('--no-sandbox', 'run Chromium without its sandbox (by default it is off only as root or where user namespaces are unavailable, and said so on stderr)');
}

/** `--pages`, `--settle`, `--timeout`, `--site-timeout` (parseCrawlSettings). */
export function addCrawlSettingOptions(command: Command): Command {
  return command
    .option('--pages <n>', `also visit up to N same-site links in the initial phase (default ${DEFAULTS.pages})`)
    .option('--settle <ms>', `quiet time after load and after a click before reading state (default ${DEFAULTS.settle})`)
    .option('--timeout <ms>', `page load time limit (default ${DEFAULTS.timeout})`)
    .option('--site-timeout <ms>', 'time budget of one whole site, its three phases included (default from --timeout and --settle)')
    .option('--policy <auto|off|url>', 'the sites\' privacy and cookie policy: auto finds it from the page\'s and banner\'s links (default), off skips the policy rules, a URL reads that document');
}
