/**
 * Configuration as data, eslint-style: rule levels, lifetime limit, extra exempt cookies, per-URL overrides.
 *
 * @example
 *   const config = loadConfig({ rules: { 'cookie-lifetime': 'warn', 'ga-ip-anonymisation': 'off' } });
 *   configForUrl(config, 'https://lyon.example.fr/').rules['cookie-lifetime'].level; // 'warn'
 */
import type { RuleLevel } from './model.ts';

/** A cookie the site owner declares exempt, with the reason an auditor will read. */
export interface ExtraExemptCookie {
  name: string;
  /** When true, `name` is a prefix (e.g. `sess_`). */
  prefix: boolean;
  reason: string;
  /** CNIL category, when the owner gives one. */
  category: string | null;
}

export interface RuleSetting {
  level: RuleLevel;
  /** Findings tolerated before the rule gates a deploy; null = none tolerated. */
  maxFindings: number | null;
}

export interface ConfigLayer {
  rules: Record<string, RuleSetting>;
  maxLifetimeMonths?: number;
  exemptCookies: ExtraExemptCookie[];
}

export interface Override extends ConfigLayer {
  /** Glob on the full URL, `*` matching any run of characters, e.g. `https://*.example.fr/*`. */
  urlPattern: string;
  /** The site's privacy or cookie policy, read instead of searching for it (issue #16). */
  policyUrl?: string;
}

export interface ResolvedConfig {
  targets: string[];
  rules: Record<string, RuleSetting>;
  maxLifetimeMonths: number;
  exemptCookies: ExtraExemptCookie[];
  overrides: Override[];
}

/** The configuration in force for one URL: the base with every matching override applied in order. */
export interface EffectiveConfig {
  rules: Record<string, RuleSetting>;
  maxLifetimeMonths: number;
  exemptCookies: ExtraExemptCookie[];
  /** The policy URL an override gives this site, when one does. */
  policyUrl?: string;
}

/** A configuration mistake; the message names the key, what was expected and what was given. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_MAX_LIFETIME_MONTHS = 13;

export function defaultConfig(): ResolvedConfig {
  return { targets: [], rules: {}, maxLifetimeMonths: DEFAULT_MAX_LIFETIME_MONTHS, exemptCookies: [], overrides: [] };
}

const TOP_KEYS = ['$schema', 'targets', 'rules', 'maxLifetimeMonths', 'exemptCookies', 'overrides'];
const OVERRIDE_KEYS = ['urlPattern', 'rules', 'maxLifetimeMonths', 'exemptCookies', 'policyUrl'];
const LEVELS: readonly RuleLevel[] = ['off', 'warn', 'error'];

const show = (v: unknown): string => {
  const text = JSON.stringify(v);
  return '`' + (text === undefined ? String(v) : text.length > 80 ? text.slice(0, 77) + '...' : text) + '`';
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(obj: Record<string, unknown>, allowed: string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`Unknown key \`${where}${key}\`: expected one of ${allowed.map((k) => '`' + k + '`').join(', ')}.`);
    }
  }
}

function parseRules(raw: unknown, where: string, knownRules: readonly string[]): Record<string, RuleSetting> {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) throw new ConfigError(`Expected \`${where}\` to be an object of rule levels, got ${show(raw)}.`);
  const out: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(raw)) {
    const key = `${where}.${id}`;
    if (knownRules.length > 0 && !knownRules.includes(id)) {
      throw new ConfigError(`Unknown rule \`${id}\` in \`${where}\`: expected one of ${knownRules.join(', ')}.`);
    }
    const [level, options] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
    if (!LEVELS.includes(level as RuleLevel)) {
      throw new ConfigError(`Expected \`${key}\` to be "off", "warn" or "error" (or ["error", {"maxFindings": 2}]), got ${show(value)}.`);
    }
    if (Array.isArray(value) && value.length > 2) {
      throw new ConfigError(`Expected \`${key}\` to be [level, options], got ${value.length} items: ${show(value)}.`);
    }
    let maxFindings: number | null = null;
    if (options !== undefined) {
      if (!isPlainObject(options)) throw new ConfigError(`Expected the options of \`${key}\` to be an object like {"maxFindings": 2}, got ${show(options)}.`);
      checkKeys(options, ['maxFindings'], `${key}[1].`);
      const m = options.maxFindings;
      if (m !== undefined) {
        if (typeof m !== 'number' || !Number.isInteger(m) || m < 0) {
          throw new ConfigError(`Expected \`${key}[1].maxFindings\` to be a whole number from 0 up, got ${show(m)}.`);
        }
        maxFindings = m;
      }
    }
    out[id] = { level: level as RuleLevel, maxFindings };
  }
  return out;
}

function parseMonths(raw: unknown, key: string): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 120) {
    throw new ConfigError(`Expected \`${key}\` to be a whole number of months from 1 to 120, got ${show(raw)}.`);
  }
  return raw;
}

function parseExempt(raw: unknown, key: string): ExtraExemptCookie[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`Expected \`${key}\` to be a list of {"name", "reason"} objects, got ${show(raw)}.`);
  return raw.map((item, i) => {
    const k = `${key}[${i}]`;
    if (!isPlainObject(item)) throw new ConfigError(`Expected \`${k}\` to be an object like {"name": "lb_id", "reason": "load balancing"}, got ${show(item)}.`);
    checkKeys(item, ['name', 'prefix', 'reason', 'category'], `${k}.`);
    if (typeof item.name !== 'string' || item.name.trim() === '') throw new ConfigError(`Expected \`${k}.name\` to be a cookie name, got ${show(item.name)}.`);
    if (typeof item.reason !== 'string' || item.reason.trim() === '') {
      throw new ConfigError(`Expected \`${k}.reason\` to say why \`${item.name}\` is strictly necessary, got ${show(item.reason)}.`);
    }
    if (item.prefix !== undefined && typeof item.prefix !== 'boolean') throw new ConfigError(`Expected \`${k}.prefix\` to be true or false, got ${show(item.prefix)}.`);
    if (item.category !== undefined && typeof item.category !== 'string') throw new ConfigError(`Expected \`${k}.category\` to be a string, got ${show(item.category)}.`);
    return { name: item.name, prefix: item.prefix === true, reason: item.reason, category: (item.category as string | undefined) ?? null };
  });
}

function parsePolicyUrl(v: unknown, key: string): string {
  let ok = false;
  if (typeof v === 'string') {
    try {
      ok = /^https?:$/.test(new URL(v).protocol);
    } catch { /* not a URL */ }
  }
  if (!ok) throw new ConfigError(`Expected \`${key}\` to be an http(s) URL of the site's privacy or cookie policy, got ${show(v)}.`);
  return v as string;
}

/**
 * Validates a parsed config file and fills defaults.
 * @param knownRules rule ids to accept in `rules` (pass the registry's ids; empty = accept any).
 * @throws ConfigError naming the key, the expected value and what was given.
 */
export function loadConfig(raw: unknown, knownRules: readonly string[] = []): ResolvedConfig {
  if (raw === undefined || raw === null) return defaultConfig();
  if (!isPlainObject(raw)) throw new ConfigError(`Expected the configuration to be a JSON object, got ${show(raw)}.`);
  checkKeys(raw, TOP_KEYS, '');
  let targets: string[] = [];
  if (raw.targets !== undefined) {
    if (!Array.isArray(raw.targets) || raw.targets.some((t) => typeof t !== 'string' || t.trim() === '')) {
      throw new ConfigError(`Expected \`targets\` to be a list of domains or URLs, got ${show(raw.targets)}.`);
    }
    targets = raw.targets as string[];
  }
  let overrides: Override[] = [];
  if (raw.overrides !== undefined) {
    if (!Array.isArray(raw.overrides)) throw new ConfigError(`Expected \`overrides\` to be a list of {"urlPattern", "rules"} objects, got ${show(raw.overrides)}.`);
    overrides = raw.overrides.map((o, i) => {
      const k = `overrides[${i}]`;
      if (!isPlainObject(o)) throw new ConfigError(`Expected \`${k}\` to be an object like {"urlPattern": "https://*.example.fr/*", "rules": {…}}, got ${show(o)}.`);
      checkKeys(o, OVERRIDE_KEYS, `${k}.`);
      if (typeof o.urlPattern !== 'string' || o.urlPattern === '') throw new ConfigError(`Expected \`${k}.urlPattern\` to be a URL glob like "https://*.example.fr/*", got ${show(o.urlPattern)}.`);
      return {
        urlPattern: o.urlPattern,
        rules: parseRules(o.rules, `${k}.rules`, knownRules),
        maxLifetimeMonths: parseMonths(o.maxLifetimeMonths, `${k}.maxLifetimeMonths`),
        exemptCookies: parseExempt(o.exemptCookies, `${k}.exemptCookies`),
        ...(o.policyUrl !== undefined ? { policyUrl: parsePolicyUrl(o.policyUrl, `${k}.policyUrl`) } : {}),
      };
    });
  }
  return {
    targets,
    rules: parseRules(raw.rules, 'rules', knownRules),
    maxLifetimeMonths: parseMonths(raw.maxLifetimeMonths, 'maxLifetimeMonths') ?? DEFAULT_MAX_LIFETIME_MONTHS,
    exemptCookies: parseExempt(raw.exemptCookies, 'exemptCookies'),
    overrides,
  };
}

/**
 * One glob piece (a host label, a path segment…) against one piece of the URL, `*` = any run of
 * characters within it. Two pointers, back to the last `*` on a mismatch: O(pattern × text) at
 * worst, no regular expression, so a site's 200 KB URL cannot make it backtrack for seconds.
 */
function pieceMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) { g++; t++; }
    else if (g < glob.length && glob[g] === '*') { star = g++; mark = t; }
    else if (star !== -1) { g = star + 1; t = ++mark; }
    else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** Path segments against glob segments, `**` = any number of whole segments (same two-pointer walk). */
function segmentsMatch(globs: readonly string[], parts: readonly string[]): boolean {
  let g = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (p < parts.length) {
    if (g < globs.length && globs[g] !== '**' && pieceMatches(globs[g], parts[p])) { g++; p++; }
    else if (g < globs.length && globs[g] === '**') { star = g++; mark = p; }
    else if (star !== -1) { g = star + 1; p = ++mark; }
    else return false;
  }
  while (g < globs.length && globs[g] === '**') g++;
  return g === globs.length;
}

/**
 * True when `url` matches an override's URL glob. The glob is cut like the URL — scheme, host
 * labels, port, path segments, query — and each part matched on its own: `*` stands for any run of
 * characters within ONE host label or ONE path segment (`https://*.example.fr/*` matches
 * `https://a.example.fr/x`, never `https://evil.fr/?x=.example.fr/` nor `https://a.b.example.fr/x`),
 * `**` for any number of path segments and, at the end, any query (`https://*.example.fr/**` is a
 * whole site). A URL with a query matches only a glob with a query or ending in `**`. Without a
 * scheme, the glob matches http and https. Case-insensitive; linear in the URL's length.
 */
export function urlMatches(pattern: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const lower = pattern.trim().toLowerCase();
  const schemeEnd = lower.indexOf('://');
  const scheme = schemeEnd === -1 ? null : lower.slice(0, schemeEnd);
  const rest = schemeEnd === -1 ? lower : lower.slice(schemeEnd + 3);
  const protocol = u.protocol.slice(0, -1).toLowerCase();
  if (scheme === null ? protocol !== 'http' && protocol !== 'https' : !pieceMatches(scheme, protocol)) return false;

  const pathStart = rest.search(/[/?#]/);
  const authority = pathStart === -1 ? rest : rest.slice(0, pathStart);
  let pathAndQuery = pathStart === -1 ? '/' : rest.slice(pathStart);
  if (pathAndQuery.startsWith('?')) pathAndQuery = `/${pathAndQuery}`;
  const hashAt = pathAndQuery.indexOf('#');
  if (hashAt !== -1) pathAndQuery = pathAndQuery.slice(0, hashAt);

  const colon = authority.lastIndexOf(':');
  const hostGlob = colon === -1 || authority.endsWith(']') ? authority : authority.slice(0, colon);
  const portGlob = colon === -1 || authority.endsWith(']') ? null : authority.slice(colon + 1);
  const hostLabels = hostGlob.split('.');
  const urlLabels = u.hostname.toLowerCase().split('.');
  if (hostLabels.length !== urlLabels.length || hostLabels.some((label, i) => !pieceMatches(label, urlLabels[i]))) return false;
  const port = u.port || (protocol === 'https' ? '443' : protocol === 'http' ? '80' : '');
  if (portGlob !== null ? !pieceMatches(portGlob, port) : u.port !== '') return false;

  const q = pathAndQuery.indexOf('?');
  const pathGlob = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  const queryGlob = q === -1 ? null : pathAndQuery.slice(q + 1);
  const globs = pathGlob.split('/').slice(1);
  if (!segmentsMatch(globs, u.pathname.toLowerCase().split('/').slice(1))) return false;
  const query = u.search.slice(1).toLowerCase();
  if (queryGlob !== null) return segmentsMatch(queryGlob.split('&'), query === '' ? [] : query.split('&'));
  return query === '' || globs.at(-1) === '**';
}

/** The base configuration with each override whose pattern matches `url` applied, later ones winning. */
export function configForUrl(config: ResolvedConfig, url: string): EffectiveConfig {
  const effective: EffectiveConfig = {
    rules: { ...config.rules },
    maxLifetimeMonths: config.maxLifetimeMonths,
    exemptCookies: [...config.exemptCookies],
  };
  for (const o of config.overrides) {
    if (!urlMatches(o.urlPattern, url)) continue;
    Object.assign(effective.rules, o.rules);
    if (o.maxLifetimeMonths !== undefined) effective.maxLifetimeMonths = o.maxLifetimeMonths;
    effective.exemptCookies.push(...o.exemptCookies);
    if (o.policyUrl !== undefined) effective.policyUrl = o.policyUrl;
  }
  return effective;
}
