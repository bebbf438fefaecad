/**
 * A run's metadata, stored once in Redis by the first `queue add` (SET NX): the configuration, the
 * rule levels it yields, the crawl settings and the tool version. Every site of the run is judged
 * with it, so one report is never judged two ways: a later `add` with anything else is refused
 * (exit 2), and so is a worker or collector of another version. Redis content is untrusted: the
 * metadata is schema-checked and its configuration re-validated with the same loader as a file.
 *
 * @example
 *   await createOrCheckRun(redis, keys, runMetaFrom('eu-06', config, settings));  // first add writes, later adds compare
 *   const meta = await readRun(redis, keys, display);                             // worker / collector / status
 *   assertSameVersion(meta, 'worker');
 */
import { Ajv } from 'ajv';
import type { Redis } from 'ioredis';
import { ConfigError, loadConfig, type ResolvedConfig, type RuleSetting } from '../src/config.ts';
import { ENGINE } from '../defaults/engine.ts';
import type { RuleLevel } from '../src/model.ts';
import { VERSION } from '../src/version.ts';
import { QueueError } from './queue-error.ts';
import type { RunKeys } from './keys.ts';

/** The crawl settings every worker of the run uses (data only: no paths, browser switches or code). */
export interface RunCrawlSettings {
  pages: number;
  settle: number;
  timeout: number;
  siteTimeout: number | null;
  includeValues: boolean;
  /** `--policy`: auto, off or a policy's URL (absent in runs made before it: auto). */
  policy?: string;
}

export interface RunMeta {
  schema: 1;
  run: string;
  version: string;
  createdAt: string;
  /** The configuration in the file's own form (re-validated by loadConfig when read). */
  config: Record<string, unknown>;
  /** The report's `config` block: rule levels in force and the lifetime limit. */
  levels: { maxLifetimeMonths: number; rules: Record<string, RuleLevel> };
  crawl: RunCrawlSettings;
}

/** A ResolvedConfig written back in the configuration file's form (without `targets`: the queue holds them). */
export function configToFile(config: ResolvedConfig): Record<string, unknown> {
  const rules = (r: Record<string, RuleSetting>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))
    .map(([id, s]) => [id, s.maxFindings === null ? s.level : [s.level, { maxFindings: s.maxFindings }]]));
  const exempt = (list: ResolvedConfig['exemptCookies']) => list.map((c) => ({ name: c.name, prefix: c.prefix, reason: c.reason, ...(c.category === null ? {} : { category: c.category }) }));
  return {
    rules: rules(config.rules),
    maxLifetimeMonths: config.maxLifetimeMonths,
    exemptCookies: exempt(config.exemptCookies),
    overrides: config.overrides.map((o) => ({
      urlPattern: o.urlPattern, rules: rules(o.rules), exemptCookies: exempt(o.exemptCookies),
      ...(o.maxLifetimeMonths === undefined ? {} : { maxLifetimeMonths: o.maxLifetimeMonths }),
    })),
  };
}

export function runMetaFrom(run: string, config: ResolvedConfig, crawl: RunCrawlSettings, now = new Date()): RunMeta {
  const levels = ENGINE.buildReport([], config).config;
  return { schema: 1, run, version: VERSION, createdAt: now.toISOString(), config: configToFile(config), levels, crawl };
}

const count = { type: 'integer', minimum: 0, maximum: 86_400_000 };
const validateMeta = new Ajv({ allErrors: false }).compile<RunMeta>({
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'run', 'version', 'createdAt', 'config', 'levels', 'crawl'],
  properties: {
    schema: { const: 1 },
    run: { type: 'string', maxLength: 64 },
    version: { type: 'string', maxLength: 64 },
    createdAt: { type: 'string', maxLength: 64 },
    config: { type: 'object' },
    levels: {
      type: 'object', additionalProperties: false, required: ['maxLifetimeMonths', 'rules'],
      properties: {
        maxLifetimeMonths: { type: 'integer', minimum: 1, maximum: 120 },
        rules: { type: 'object', additionalProperties: { enum: ['off', 'warn', 'error'] } },
      },
    },
    crawl: {
      type: 'object', additionalProperties: false, required: ['pages', 'settle', 'timeout', 'siteTimeout', 'includeValues'],
      properties: {
        pages: { type: 'integer', minimum: 0, maximum: 1000 },
        settle: count,
        timeout: { ...count, minimum: 1 },
        siteTimeout: { oneOf: [{ type: 'null' }, { ...count, minimum: 1 }] },
        includeValues: { type: 'boolean' },
        policy: { type: 'string', maxLength: 2048, pattern: '^(auto|off|https?://\\S+)$' },
      },
    },
  },
});

/** JSON with object keys sorted at every level: equal settings give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** What must be equal for two adds to be one run (everything but the creation time). */
function comparable(meta: RunMeta): Record<string, string> {
  return { version: meta.version, config: canonicalJson(meta.config), levels: canonicalJson(meta.levels), crawl: canonicalJson(meta.crawl) };
}

/** The parts of the stored run that differ from `wanted` ([] when the same run). */
export function runDifferences(stored: RunMeta, wanted: RunMeta): string[] {
  const a = comparable(stored);
  const b = comparable(wanted);
  const names: Record<string, string> = { version: 'tool version', config: 'configuration', levels: 'rule levels', crawl: 'crawl settings' };
  return Object.keys(a).filter((k) => a[k] !== b[k]).map((k) => names[k]!);
}

/** Parses and checks stored metadata; the configuration is re-validated and returned resolved. */
export function parseRunMeta(text: string, run: string): { meta: RunMeta; config: ResolvedConfig } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new QueueError(`The metadata of run \`${run}\` in Redis is not JSON; it was not written by cookie-audit.`, 3);
  }
  if (!validateMeta(value)) {
    const e = validateMeta.errors?.[0];
    throw new QueueError(`The metadata of run \`${run}\` in Redis is not valid (${e?.instancePath || '/'} ${e?.message ?? ''}); it was not written by this version of cookie-audit.`, 3);
  }
  if (value.run !== run) throw new QueueError(`The metadata stored for run \`${run}\` names run \`${value.run}\`.`, 3);
  let config: ResolvedConfig;
  try {
    config = loadConfig(value.config, ENGINE.ruleIds);
  } catch (error) {
    if (error instanceof ConfigError) throw new QueueError(`The configuration of run \`${run}\` in Redis is invalid: ${error.message}`, 3);
    throw error;
  }
  return { meta: value, config };
}

/**
 * Writes the run's metadata when the run is new; otherwise checks the stored one is the same run.
 * @returns true when this call created the run.
 * @throws QueueError (exit 2) naming what differs.
 */
export async function createOrCheckRun(redis: Redis, keys: RunKeys, wanted: RunMeta): Promise<boolean> {
  const created = await redis.set(keys.meta, JSON.stringify(wanted), 'NX');
  if (created === 'OK') return true;
  const text = await redis.get(keys.meta);
  if (text === null) return createOrCheckRun(redis, keys, wanted); // removed in between
  const { meta } = parseRunMeta(text, wanted.run);
  const diff = runDifferences(meta, wanted);
  if (diff.length > 0) {
    throw new QueueError(`Run \`${wanted.run}\` already exists with another ${diff.join(', ')} (created ${meta.createdAt} by cookie-audit ${meta.version}); ` +
      'a run is judged one way only: add with the same options, or start a new run name.', 2);
  }
  return false;
}

/** The stored run, checked; a QueueError (exit 2) when there is none. */
export async function readRun(redis: Redis, keys: RunKeys, run: string, where: string): Promise<{ meta: RunMeta; config: ResolvedConfig }> {
  const text = await redis.get(keys.meta);
  if (text === null) throw new QueueError(`There is no run \`${run}\` in Redis at ${where}; create it with \`cookie-audit queue add --run ${run} …\`.`, 2);
  return parseRunMeta(text, run);
}

/** Refuses a run made by another release (its sites would be judged by other rules). */
export function assertSameVersion(meta: RunMeta, who: string, version = VERSION): void {
  if (meta.version !== version) {
    throw new QueueError(`Run \`${meta.run}\` was created by cookie-audit ${meta.version}; this ${who} is ${version} and refuses it (one run, one version: install ${meta.version} here, or start a new run).`, 2);
  }
}
