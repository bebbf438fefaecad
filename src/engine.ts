/**
 * The rules engine: runs every configured rule on one site's observations and assembles reports.
 * Pure: no Node or browser API, so the crawler and the WebExtension share it. It is created with
 * its rules and knowledge (`createEngine`), wired at the edges (defaults/engine.ts).
 *
 * @example
 *   const engine = createEngine({ rules: RULES, knowledge: KNOWLEDGE });
 *   const site = engine.auditSite(observations, loadConfig(json, engine.ruleIds));
 *   const report = engine.buildReport([site], config);
 */
import { configForUrl, defaultConfig, type ResolvedConfig } from './config.ts';
import { createClassifier, EXEMPTION_MESSAGES } from './exemption.ts';
import { createAudienceJudge } from './audience-measurement.ts';
import { catalogLookup, formatMessage, type MessageCatalog, type MessageData, type MessageLookup } from './messages.ts';
import type {
  CookiePolicyMatch, Exemption, Finding, NoteMessage, ObservedBanner, ObservedCookie, Phase, Report, ReportCookie, RuleLevel, RuleResult, SiteAudit, SiteObservations,
} from './model.ts';
import { noBanner, PHASES } from './model.ts';
import type { DraftNote, RuleContext, RuleInput, RuleModule, RuleOutput } from './rule.ts';
import type { Knowledge } from './knowledge.ts';
import { createRequestFilter } from './requests-of-interest.ts';
import { createTrackerMatcher } from './trackers.ts';
import { createCmpNamer } from './cmp-names.ts';
import { tcfOfPhase } from './tcf.ts';
import { claimsOf, cookieVendors, declaringClaim, lifetimeFor, vendorClaimFor, vendorNamesFor } from './policy-match.ts';
import { VERSION } from './version.ts';

export interface Engine {
  readonly rules: readonly RuleModule[];
  /** Ids of the rules, in order, for config validation. */
  readonly ruleIds: readonly string[];
  /** Name of the tracker/analytics service a URL belongs to, or null. */
  trackerOf(url: string): string | null;
  /** Whether a collector records this request (src/requests-of-interest.ts). */
  isRequestOfInterest(url: string): boolean;
  auditSite(obs: SiteObservations, config?: ResolvedConfig): SiteAudit;
  buildReport(sites: SiteAudit[], config?: ResolvedConfig, generatedAt?: string): Report;
}

/** An engine that judges with these rules and this knowledge. */
export function createEngine({ rules, knowledge }: { rules: readonly RuleModule[]; knowledge: Knowledge }): Engine {
  const trackerOf = createTrackerMatcher(knowledge.trackers);
  const nameCmp = createCmpNamer(knowledge.cmpNames ?? []);
  return {
    rules,
    ruleIds: rules.map((r) => r.meta.id),
    trackerOf,
    isRequestOfInterest: createRequestFilter(knowledge, trackerOf),
    auditSite: (obs, config = defaultConfig()) => auditSite(rules, knowledge, trackerOf, obs, config, nameCmp),
    buildReport: (sites, config = defaultConfig(), generatedAt = new Date().toISOString()) => buildReport(rules, sites, config, generatedAt),
  };
}

/** The engine's own notes, beside the rules' (`RuleResult.noteMessages`). */
export const ENGINE_MESSAGES: MessageCatalog = {
  notObserved: {
    en: 'Not observed: the {{phases}} {{count|phase was|phases were}} not recorded.',
    fr: 'Non observé : {{count|la phase|les phases}} {{phases}} {{count|n\'a pas été enregistrée|n\'ont pas été enregistrées}}.',
  },
  ruleFailed: {
    en: 'The rule failed: {{error}}',
    fr: 'La règle a échoué : {{error}}',
  },
};

/**
 * Where the messages of a rule's findings and notes are found: the rule's `meta.messages`, then the
 * engine's notes, then the exemption reasons (which findings may nest in their data).
 */
export function messageLookup(ruleMessages?: MessageCatalog): MessageLookup {
  return catalogLookup(ruleMessages, ENGINE_MESSAGES, EXEMPTION_MESSAGES);
}

/** Renders a message in English, the report's `message`; an id the rule does not declare is a bug in the rule. */
function english(lookup: MessageLookup, ruleId: string, messageId: string, data: MessageData | undefined): string {
  const text = lookup(messageId);
  if (!text) throw new Error(`rule ${ruleId} used the message id "${messageId}", which its meta.messages does not declare`);
  return formatMessage(text.en, data, 'en', lookup);
}

function noteOf(note: DraftNote): NoteMessage {
  return { messageId: note.messageId, data: note.data ?? {} };
}

/** Runs one rule on what it declared, turning an exception into an error result. */
export function runRule(rule: RuleModule, obs: SiteObservations, level: Exclude<RuleLevel, 'off'>, context: RuleContext): { result: RuleResult; findings: Finding[] } {
  const { meta } = rule;
  const lookup = messageLookup(meta.messages);
  const phases: RuleInput['phases'] = {};
  for (const phase of meta.requiredObservations) {
    const seen = obs.phases[phase];
    if (seen) phases[phase] = seen;
  }
  const base = { id: meta.id, title: meta.title.en, level };
  const withNotes = (notes: NoteMessage[]): Pick<RuleResult, 'notes' | 'noteMessages'> => ({
    notes: notes.map((n) => english(lookup, meta.id, n.messageId, n.data)), noteMessages: notes,
  });
  if (Object.keys(phases).length === 0) {
    const note = { messageId: 'notObserved', data: { phases: meta.requiredObservations.join('/'), count: meta.requiredObservations.length } };
    return { result: { ...base, outcome: 'not-applicable', ...withNotes([note]), findingCount: 0 }, findings: [] };
  }
  let findings: Finding[];
  let result: RuleResult;
  try {
    const output: RuleOutput = rule.evaluate({ url: obs.url, finalUrl: obs.finalUrl, phases, ...(obs.policy ? { policy: obs.policy } : {}) }, context);
    if ('notApplicable' in output) {
      return { result: { ...base, outcome: 'not-applicable', ...withNotes([noteOf(output.notApplicable)]), findingCount: 0 }, findings: [] };
    }
    findings = output.findings.map(({ messageId, data, evidence, severity, ...f }) => ({
      rule: meta.id, severity: severity === 'warn' ? 'warn' : level, ...f,
      message: english(lookup, meta.id, messageId, data), messageId, data: data ?? {}, evidence,
    }));
    const outcome = findings.length > 0 ? 'fail' : 'pass';
    result = { ...base, outcome, ...withNotes((output.notes ?? []).map(noteOf)), findingCount: findings.length };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { result: { ...base, outcome: 'error', ...withNotes([{ messageId: 'ruleFailed', data: { error: message } }]), findingCount: 0 }, findings: [] };
  }
  return { result, findings };
}

/** Checks the outer shape a collector must produce; returns a reason when it is not usable. */
export function observationsProblem(obs: unknown): string | null {
  if (typeof obs !== 'object' || obs === null) return 'observations are not an object';
  const o = obs as Partial<SiteObservations>;
  if (typeof o.url !== 'string' || o.url === '') return 'observations lack `url`';
  if (typeof o.phases !== 'object' || o.phases === null) return 'observations lack `phases`';
  for (const [phase, p] of Object.entries(o.phases)) {
    if (!PHASES.includes(phase as Phase)) return `unknown phase \`${phase}\` (expected initial, accepted or refused)`;
    if (!p || !Array.isArray(p.cookies) || !Array.isArray(p.requests) || typeof p.banner !== 'object' || p.banner === null) {
      return `phase \`${phase}\` needs \`cookies\` and \`requests\` lists and a \`banner\``;
    }
  }
  return null;
}

/** Judges one site: every enabled rule's result and findings, each cookie's exemption verdict. */
function auditSite(
  rules: readonly RuleModule[], knowledge: Knowledge, trackerOf: (url: string) => string | null, obs: SiteObservations, config: ResolvedConfig,
  nameCmp: (banner: ObservedBanner) => ObservedBanner,
): SiteAudit {
  const problem = observationsProblem(obs);
  if (problem) return errorSite(typeof obs?.url === 'string' ? obs.url : '', 'invalid-observations', `The collector's observations cannot be judged: ${problem}.`);
  // The consent manager is named as users know it before anything is judged, so no finding or note quotes
  // autoconsent's internal rule name; the rule name stays on the banner as `cmpRule`.
  const namedPhases: SiteObservations['phases'] = {};
  for (const phase of PHASES) {
    const p = obs.phases[phase];
    if (p) namedPhases[phase] = { ...p, banner: nameCmp(p.banner) };
  }
  obs = { ...obs, phases: namedPhases };
  const finalUrl = obs.finalUrl || obs.url;
  const effective = configForUrl(config, finalUrl);
  const seen = Object.values(obs.phases);
  const site = {
    url: finalUrl,
    cookies: seen.flatMap((p) => p?.cookies ?? []),
    requestUrls: seen.flatMap((p) => (p?.requests ?? []).map((r) => r?.url).filter((u): u is string => typeof u === 'string')),
    phases: obs.phases,
  };
  const classify = createClassifier(knowledge, effective.exemptCookies, site);
  const audience = knowledge.audienceMeasurement ? createAudienceJudge(knowledge.audienceMeasurement, site) : null;
  const context: RuleContext = {
    maxLifetimeMonths: effective.maxLifetimeMonths, classify, trackerOf, exemptHit: (url) => audience?.exemptHit(url) ?? false,
    refusalProminence: knowledge.refusalProminence,
    policyVendorsOf: (label) => vendorNamesFor(label, knowledge.policyVendors ?? []),
  };

  const results: RuleResult[] = [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const level = effective.rules[rule.meta.id]?.level ?? rule.meta.defaultSeverity;
    if (level === 'off') continue;
    const out = runRule(rule, obs, level, context);
    results.push(out.result);
    findings.push(...out.findings);
  }

  const cookies: ReportCookie[] = [];
  const requests: SiteAudit['requests'] = [];
  const bannerPhases: Partial<Record<Phase, ObservedBanner>> = {};
  const capture: NonNullable<SiteAudit['capture']> = {};
  const tcf: NonNullable<SiteAudit['tcf']> = {};
  for (const phase of PHASES) {
    const p = obs.phases[phase];
    if (!p) continue;
    bannerPhases[phase] = p.banner;
    if (p.truncated || p.cookieAttempts?.length) capture[phase] = { truncated: p.truncated === true, dropped: p.dropped ?? {}, cookieAttempts: p.cookieAttempts ?? [] };
    const decoded = tcfOfPhase(p.consentString);
    if (decoded) tcf[phase] = decoded;
    for (const c of p.cookies) {
      const exemption = classify(c);
      cookies.push({ ...c, phase, exemption, ...(obs.policy ? { policy: cookiePolicy(c, exemption, obs, context) } : {}) });
    }
    for (const r of p.requests) requests.push({ ...r, phase, tracker: context.trackerOf(r.url) });
  }
  const first = bannerPhases.initial ?? bannerPhases.accepted ?? bannerPhases.refused ?? noBanner();

  return {
    url: obs.url,
    finalUrl,
    status: 'ok',
    error: null,
    httpStatus: obs.httpStatus ?? null,
    collector: obs.collector,
    startedAt: obs.startedAt ?? null,
    banner: { ...first, phases: bannerPhases },
    cookies,
    requests,
    rules: results,
    findings,
    ...(obs.measurement ? { measurement: obs.measurement } : {}),
    ...(obs.policy ? { policy: obs.policy } : {}),
    ...(Object.keys(capture).length ? { capture } : {}),
    ...(Object.keys(tcf).length ? { tcf } : {}),
  };
}

/** What the site's policy says of one cookie, for the report. */
function cookiePolicy(c: ObservedCookie, exemption: Exemption, obs: SiteObservations, context: RuleContext): CookiePolicyMatch {
  const claims = claimsOf(obs.policy);
  const vendors = cookieVendors(c, exemption, context);
  const named = declaringClaim(c.name, claims);
  const vendor = named ? null : vendorClaimFor(vendors, claims);
  const life = lifetimeFor(c.name, claims, vendors);
  const evidence = named ?? vendor ?? life?.claim ?? null;
  return {
    declaredBy: named ? 'name' : vendor ? 'vendor' : null,
    claimedDays: life?.maxDays ?? null,
    claimedSession: life?.session ?? false,
    quote: evidence?.quote ?? null,
    policyUrl: evidence?.policyUrl ?? null,
  };
}

/** A site that could not be audited (unreachable, invalid target…): no verdict, only the error. */
export function errorSite(url: string, code: string, message: string, collector: SiteAudit['collector'] = 'crawler'): SiteAudit {
  return {
    url, finalUrl: url, status: 'error', error: { code, message }, httpStatus: null, collector, startedAt: null,
    banner: { ...noBanner(), phases: {} }, cookies: [], requests: [], rules: [], findings: [],
  };
}

/** Wraps site audits into the report document described by `reports/report.schema.json`. */
function buildReport(rules: readonly RuleModule[], sites: SiteAudit[], config: ResolvedConfig, generatedAt: string): Report {
  const levels: Record<string, RuleLevel> = {};
  for (const rule of rules) levels[rule.meta.id] = config.rules[rule.meta.id]?.level ?? rule.meta.defaultSeverity;
  return {
    schemaVersion: 2,
    tool: { name: 'cookie-audit', version: VERSION },
    generatedAt,
    config: { maxLifetimeMonths: config.maxLifetimeMonths, rules: levels },
    sites,
  };
}
