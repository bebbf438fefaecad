/**
 * The background half of @duckduckgo/autoconsent's protocol, detect-only: answers a frame's `init`
 * with the rules for that frame and a config that never clicks, pre-hides or applies cosmetic
 * rules, and runs the rule snippets that must execute in the page's own world.
 *
 * @example const reply = await answerAutoconsent({ type: 'init', url }, tabId, frameId);
 */
import browser from 'webextension-polyfill';
import {
  evalSnippets, filterCompactRules, type BackgroundMessage, type Config, type ContentScriptMessage, type IndexedCMPRuleset,
} from '@duckduckgo/autoconsent';
import { AUTOCONSENT_DETECT_ONLY } from '../../banner/autoconsent-config.ts';
import compactRules from '@duckduckgo/autoconsent/rules/compact-rules.json' with { type: 'json' };

type Snippets = Record<string, () => unknown>;

async function evalInFrame(tabId: number, frameId: number, snippetId: string | undefined): Promise<unknown> {
  const func = snippetId ? (evalSnippets as unknown as Snippets)[snippetId] : undefined;
  // MV3 forbids evaluating arbitrary code: only the library's named snippets run.
  if (!func) return false;
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, world: 'MAIN', func });
    return first?.result ?? false;
  } catch {
    return false;
  }
}

/** The reply to one autoconsent content message, or null when it needs none; `frameUrl` is the sender's, as the browser tells it. */
export async function answerAutoconsent(message: ContentScriptMessage, tabId: number, frameId: number, frameUrl: string): Promise<BackgroundMessage | null> {
  switch (message.type) {
    case 'init':
      return {
        type: 'initResp',
        rules: { autoconsent: [], compact: filterCompactRules(compactRules as unknown as IndexedCMPRuleset, { url: frameUrl, mainFrame: frameId === 0 }) },
        config: AUTOCONSENT_DETECT_ONLY as Config,
      };
    case 'eval':
      return { type: 'evalResp', id: message.id, result: await evalInFrame(tabId, frameId, message.snippetId) };
    default:
      return null;
  }
}
