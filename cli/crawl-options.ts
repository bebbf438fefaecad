/**
 * Validates the crawl command's options (as commander hands them over, strings) into typed
 * settings, with messages that say what was expected and what was given.
 *
 * @example
 *   parseWholeNumber('concurrency', '0', 1) // throws UsageError: Expected `concurrency` to be a whole number from 1 up, got `0`
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig, type ResolvedConfig } from '../src/config.ts';
import type { CrawlOptions } from '../crawler/crawl.ts';
import { DEFAULTS } from '../crawler/defaults.ts';
import { ALLOWABLE_SCHEMES, parseTargetList, type AllowableScheme } from '../crawler/targets.ts';
import { ENGINE } from '../defaults/engine.ts';

export { UsageError } from './usage-error.ts';
import { UsageError } from './usage-error.ts';

/** The browser's settings, from the command line only (cli/shared-options.ts addBrowserOptions). */
export interface RawBrowserOptions {
  browserArg?: string[];
  executable?: string;
  allowScheme?: string[];
  ignoreHttpsErrors?: boolean;
  /** false with `--no-sandbox` (commander's negated option). */
  sandbox?: boolean;
}

/** How each site is visited (cli/shared-options.ts addCrawlSettingOptions). */
export interface RawCrawlSettings {
  pages?: string;
  settle?: string;
  timeout?: string;
  siteTimeout?: string;
  /** `--policy auto|off|URL`. */
  policy?: string;
}

export interface RawCrawlOptions extends RawBrowserOptions, RawCrawlSettings {
  input?: string;
  out?: string;
  concurrency?: string;
  config?: string;
  includeValues?: boolean;
  maxTime?: string;
  resume?: boolean;
}

export function parseWholeNumber(name: string, raw: string | undefined, min: number, fallback?: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`Expected \`${name}\` to be given.`);
    return fallback;
  }
  const text = String(raw).trim();
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`Expected \`${name}\` to be a whole number from ${min} up, got \`${raw}\``);
  }
  return value;
}

function readText(what: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`Cannot read the ${what} \`${path}\`: ${why}`);
  }
}

/** The configuration from `--config FILE`, else ./cookie-audit.config.json when present, else defaults. */
export function readConfig(path: string | undefined, cwdDefault = 'cookie-audit.config.json'): ResolvedConfig {
  const file = path ?? (existsSync(cwdDefault) ? cwdDefault : undefined);
  let raw: unknown = {};
  if (file !== undefined) {
    const text = readText('configuration file', file);
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`The configuration file \`${file}\` is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return loadConfig(raw, ENGINE.ruleIds);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`Invalid configuration${file ? ` in \`${file}\`` : ''}: ${error.message}`);
    throw error;
  }
}

/** Every target: the arguments, then the `--input` list, then the configuration's `targets`. */
export function collectTargets(args: readonly string[], input: string | undefined, config: ResolvedConfig): string[] {
  const targets = [...args];
  if (input !== undefined) targets.push(...parseTargetList(readText('target list', input)));
  // The config's list is the default: a target named on the command line (a CI preview URL) replaces it.
  if (targets.length === 0) targets.push(...config.targets);
  if (targets.length === 0) {
    throw new UsageError('Expected at least one target: a domain or URL argument, `--input FILE` (one per line), or `targets` in the configuration.');
  }
  return targets;
}

/** The browser settings validated: the binary, its extra switches (`--ignore-https-errors` and `--no-sandbox` among them), the extra target schemes. */
export function parseBrowserSettings(raw: RawBrowserOptions): { executable?: string; browserArgs: string[]; allowSchemes: AllowableScheme[] } {
  if (raw.executable !== undefined && raw.executable.trim() === '') throw new UsageError('Expected `executable` to be a path, got an empty string');
  for (const arg of raw.browserArg ?? []) {
    if (!arg.startsWith('--')) throw new UsageError(`Expected each \`browser-arg\` to be a Chromium switch starting with \`--\`, got \`${arg}\``);
  }
  const allowSchemes = (raw.allowScheme ?? []).map((scheme) => {
    const name = scheme.trim().toLowerCase().replace(/:$/, '');
    if (!(ALLOWABLE_SCHEMES as readonly string[]).includes(name)) {
      throw new UsageError(`Expected \`allow-scheme\` to be one of ${ALLOWABLE_SCHEMES.join(', ')}, got \`${scheme}\` (http and https are always allowed)`);
    }
    return name as AllowableScheme;
  });
  return {
    executable: raw.executable,
    // --ignore-https-errors audits sites whose certificate is bad instead of reporting `tls`.
    browserArgs: [...(raw.browserArg ?? []), ...(raw.ignoreHttpsErrors ? ['--ignore-certificate-errors'] : []), ...(raw.sandbox === false ? ['--no-sandbox'] : [])],
    allowSchemes,
  };
}

/** The crawl settings validated, defaults filled in; `siteTimeout` null when not given (derived from the others). */
export function parseCrawlSettings(raw: RawCrawlSettings): { pages: number; settle: number; timeout: number; siteTimeout: number | null; policy: string } {
  return {
    pages: parseWholeNumber('pages', raw.pages, 0, DEFAULTS.pages),
    settle: parseWholeNumber('settle', raw.settle, 0, DEFAULTS.settle),
    timeout: parseWholeNumber('timeout', raw.timeout, 1, DEFAULTS.timeout),
    siteTimeout: raw.siteTimeout === undefined ? null : parseWholeNumber('site-timeout', raw.siteTimeout, 1),
    policy: parsePolicy(raw.policy),
  };
}

export function resolveCrawlOptions(raw: RawCrawlOptions): Omit<CrawlOptions, 'onSite' | 'onBrowser' | 'out'> & { out: string; maxTime: number | null } {
  const out = raw.out ?? DEFAULTS.out;
  if (out.trim() === '') throw new UsageError('Expected `out` to be a directory path, got an empty string');
  const browser = parseBrowserSettings(raw);
  const settings = parseCrawlSettings(raw);
  return {
    out,
    concurrency: parseWholeNumber('concurrency', raw.concurrency, 1, DEFAULTS.concurrency),
    ...browser,
    ...settings,
    siteTimeout: settings.siteTimeout ?? undefined,
    config: readConfig(raw.config),
    includeValues: raw.includeValues === true,
    maxTime: raw.maxTime === undefined ? null : parseWholeNumber('max-time', raw.maxTime, 1),
    resume: raw.resume === true,
  };
}

/** `--policy auto|off|URL`: an http(s) URL reads that document for every site. */
export function parsePolicy(raw: string | undefined): 'auto' | 'off' | string {
  if (raw === undefined) return 'auto';
  const v = raw.trim();
  if (v === 'auto' || v === 'off') return v;
  try {
    if (/^https?:$/.test(new URL(v).protocol)) return v;
  } catch { /* not a URL */ }
  throw new UsageError(`Expected \`policy\` to be auto, off or an http(s) URL of a policy, got \`${raw}\``);
}
