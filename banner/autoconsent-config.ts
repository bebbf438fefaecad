/**
 * The configuration @duckduckgo/autoconsent runs under in both collectors: detect only. It never
 * clicks on its own (the crawler asks for an opt-in or opt-out itself; in the extension the person
 * clicks), never pre-hides and applies no cosmetic (hide-only) rules or heuristic popup handling,
 * so the audited page looks as it would without us. It runs in an isolated world
 * (`isMainWorld: false`): rule snippets that need the page's own JavaScript come to the collector
 * as `eval` messages. Pure data, no Node or browser API.
 *
 * The rules are not shared, on purpose: the extension sends autoconsent's compact rules, which carry
 * no optIn steps (a person clicks there), while the crawler opts in for its accepted phase and so
 * sends the full rules.json (crawler/banner/autoconsent.ts).
 *
 * @example await send({ type: 'initResp', config: AUTOCONSENT_DETECT_ONLY, rules });
 */
import type { Config } from '@duckduckgo/autoconsent';

export const AUTOCONSENT_DETECT_ONLY: Partial<Config> = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  enablePopupMutationObserver: false,
  heuristicMode: 'off',
  detectRetries: 20,
  isMainWorld: false,
  prehideTimeout: 2000,
  visualTest: false,
  performanceLoggingEnabled: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};
