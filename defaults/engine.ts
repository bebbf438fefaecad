/**
 * The engine as shipped: the project's rules with the project's knowledge. The edges (CLI, crawler,
 * extension background, reports) import this; src/ never does, so it can be created with other data.
 *
 * @example ENGINE.auditSite(observations, config)
 */
import { KNOWLEDGE } from '../knowledge/index.ts';
import { RULES } from '../rules/index.ts';
import { createEngine } from '../src/engine.ts';

export const ENGINE = createEngine({ rules: RULES, knowledge: KNOWLEDGE });
