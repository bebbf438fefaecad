/**
 * Our own consent-banner detector, for banners no autoconsent rule knows. A pure in-page DOM script
 * (no Node API): bundled by esbuild and evaluated in every frame by the crawler, and part of the
 * extension's content script.
 *
 * A banner is a visible fixed/sticky/dialog element (position fixed or sticky, role dialog or
 * alertdialog, <dialog open>, aria-modal), in the document or an open shadow root, whose text
 * carries consent wording and which holds controls. A notice laid out in the page's flow (a consent
 * manager's inline mode, a message page inside a consent iframe) counts too, anywhere in the page,
 * when a short block holds consent wording with an accept control and a reject or settings one.
 *
 * @example
 *   const b = detectBanner(document, wordingJson);
 *   if (b.found && b.rejectOnFirstLayer) clickBannerButton(document, wordingJson, 'reject');
 */
import {
  classifyLabel, compileWording, isCloseLabel, isSaveLabel, matchWording, MAX_LABEL_LENGTH, saysImpliedConsent,
  type BannerWording, type CompiledWording, type ControlKind,
} from './wording.ts';
import { CAPS } from '../src/caps.ts';

export { compileWording, type BannerWording, type ControlKind } from './wording.ts';

/** What the heuristic saw in one frame. */
export interface HeuristicBanner {
  found: boolean;
  /** Visible banner text, whitespace collapsed, at most CAPS.bannerTextChars characters; null when not found. */
  text: string | null;
  acceptFound: boolean;
  /** A reject control on the first layer, or present (hidden) in the banner for a second layer. */
  rejectFound: boolean;
  /** A visible reject control in the banner as first shown. */
  rejectOnFirstLayer: boolean;
  settingsFound: boolean;
  /** CSS path to the banner; ` >>> ` steps into an open shadow root (Puppeteer's deep combinator). */
  selector: string | null;
  inShadowRoot: boolean;
  /** Why it qualified: `fixed`, `sticky`, `dialog`, `aria-modal`, or `inline` (a notice in the page's flow). */
  kind: string | null;
  /** Viewport rectangle in CSS pixels of the frame. */
  rect: { x: number; y: number; width: number; height: number } | null;
  /** The visible controls we classified, first layer, as shown: what each does, its box and whether it is a filled button. */
  controls: MeasuredControl[];
  /** The text takes browsing on as consent ("En poursuivant votre navigation, vous acceptez…"). */
  impliedConsent: boolean;
  /** The banner, or a fixed layer holding it, covers the page: the site cannot be used before answering (a cookie wall). */
  blocksPage: boolean;
}

/** A first-layer control as the visitor sees it. */
export interface MeasuredControl {
  /** `close` dismisses the banner without a choice ("Fermer", ×). */
  kind: ControlKind | 'close';
  label: string;
  /** Size of its box in CSS pixels. */
  width: number;
  height: number;
  /** A button with its own background (not text or a link on the banner's background). */
  filled: boolean;
}

/** Result of a click by text. */
export interface HeuristicClick {
  clicked: boolean;
  /** Label of the control clicked. */
  label: string | null;
  /** Selector of the banner it was in. */
  selector: string | null;
}

/** Result of refusing through a settings layer's toggles (`refuseWithToggles`). */
export interface HeuristicToggleRefusal extends HeuristicClick {
  /** Purpose toggles that were on and were switched off before saving. */
  switchedOff: number;
}

type Wording = BannerWording | CompiledWording;
type Root = Document | ShadowRoot;

// A "banner" holding more text than this is a page layout in a fixed wrapper, not a banner.
const MAX_CANDIDATE_TEXT = 8000;
// An in-flow block with more text than this is page content (a cookie policy with its buttons), not a notice.
const MAX_INLINE_TEXT = 1500;
// How far up from an accept control an in-flow notice's container may be.
const MAX_INLINE_DEPTH = 8;
const CONTROL_SELECTOR = 'button, a, [role="button"], [role="link"], input[type="button"], input[type="submit"]';

function compiled(w: Wording): CompiledWording {
  return 'labels' in w ? w : compileWording(w);
}

/** Every element of a root, descending into open shadow roots. */
function allElements(root: Root, out: Element[] = []): Element[] {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    out.push(el);
    if (el.shadowRoot) allElements(el.shadowRoot, out);
  }
  return out;
}

/**
 * Rendered, not hidden by display/visibility/opacity, and (unless `anywhere`) at least partly inside
 * the viewport. `anywhere` is for notices in the page's flow, which a reader reaches by scrolling.
 */
function isVisible(el: Element, anywhere = false): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const anyEl = el as Element & { checkVisibility?: (o: object) => boolean };
  if (typeof anyEl.checkVisibility === 'function') {
    if (!anyEl.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  } else {
    const s = view.getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
  }
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  if (anywhere) return true;
  return r.bottom > 0 && r.right > 0 && r.top < view.innerHeight && r.left < view.innerWidth;
}

/** Why an element may be a banner container, or null. */
function containerKind(el: Element): string | null {
  const view = el.ownerDocument.defaultView;
  if (!view) return null;
  if (el.localName === 'dialog' && (el as HTMLDialogElement).open) return 'dialog';
  const role = el.getAttribute('role');
  if (role === 'dialog' || role === 'alertdialog') return 'dialog';
  if (el.getAttribute('aria-modal') === 'true') return 'aria-modal';
  const pos = view.getComputedStyle(el).position;
  return pos === 'fixed' || pos === 'sticky' ? pos : null;
}

/** Descendants of `el` in the flat tree (through open shadow roots), `el` excluded. */
function descendants(el: Element): Element[] {
  const out = allElements(el as unknown as Root);
  if (el.shadowRoot) allElements(el.shadowRoot, out);
  return out;
}

/** Visible text of an element, shadow content and slotted text included, whitespace collapsed. */
function visibleText(el: Element, anywhere = false): string {
  // innerText ignores shadow trees, and inside one it leaves out the page's text slotted into it.
  const flat = !!el.shadowRoot || el.getRootNode() instanceof ShadowRoot || descendants(el).some((d) => d.shadowRoot);
  let text: string;
  if (!flat && el instanceof el.ownerDocument.defaultView!.HTMLElement) {
    text = (el as HTMLElement).innerText;
  } else {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === 3) { parts.push(node.textContent ?? ''); return; }
      if (node.nodeType !== 1) return;
      const e = node as Element;
      if (e.localName === 'script' || e.localName === 'style' || e.localName === 'template') return;
      if (!isVisible(e, anywhere) && e.localName !== 'slot') return;
      if (e.localName === 'slot') { for (const n of (e as HTMLSlotElement).assignedNodes({ flatten: true })) walk(n); return; }
      const kids = e.shadowRoot ? e.shadowRoot.childNodes : e.childNodes;
      for (const n of Array.from(kids)) walk(n);
      parts.push(' ');
    };
    walk(el);
    text = parts.join('');
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The text a control shows or announces. */
function controlLabel(el: Element): string {
  const input = el as HTMLInputElement;
  // Read wherever it is: a label does not change when the control is off screen (innerText reads it there too).
  const own = el.localName === 'input' ? input.value : visibleText(el, true);
  return (own || el.getAttribute('aria-label') || el.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
}

interface Control { el: Element; kind: ControlKind | null; label: string; visible: boolean }

function controlsOf(container: Element, wording: CompiledWording, anywhere = false): Control[] {
  const out: Control[] = [];
  const all = descendants(container);
  for (const el of all) {
    if (!el.matches(CONTROL_SELECTOR)) continue;
    const label = controlLabel(el);
    if (!label || label.length > MAX_LABEL_LENGTH) {
      out.push({ el, kind: null, label, visible: isVisible(el, anywhere) });
      continue;
    }
    out.push({ el, kind: classifyLabel(label, wording), label, visible: isVisible(el, anywhere) });
  }
  return out;
}

/** A CSS path that finds the element again; ` >>> ` crosses into a shadow root. */
function selectorOf(el: Element): string {
  const steps: string[] = [];
  let cur: Element | null = el;
  const segments: string[] = [];
  while (cur) {
    const root = cur.getRootNode() as Root;
    if (cur.id && root.querySelectorAll(`#${CSS.escape(cur.id)}`).length === 1) {
      steps.unshift(`#${CSS.escape(cur.id)}`);
    } else {
      const parentEl: Element | null = cur.parentElement;
      const siblings = parentEl ? Array.from(parentEl.children) : Array.from(root.children);
      const same = siblings.filter((s) => s.localName === cur!.localName);
      steps.unshift(same.length > 1 ? `${cur.localName}:nth-of-type(${same.indexOf(cur) + 1})` : cur.localName);
    }
    const idStep = steps[0]!.startsWith('#');
    const parent: Element | null = cur.parentElement;
    if (!idStep && parent) { cur = parent; continue; }
    // Reached an id or the top of this tree: close the segment and hop to the shadow host if any.
    segments.unshift(steps.join(' > '));
    steps.length = 0;
    cur = root instanceof ShadowRoot ? root.host : null;
  }
  return segments.join(' >>> ');
}

/** Finds the element a `selectorOf` path names, or null. */
export function resolveSelector(doc: Document, selector: string): Element | null {
  let root: Root = doc;
  let found: Element | null = null;
  for (const part of selector.split(' >>> ')) {
    try { found = root.querySelector(part); } catch { return null; }
    if (!found) return null;
    if (found.shadowRoot) root = found.shadowRoot;
  }
  return found;
}

interface Candidate { el: Element; kind: string; text: string; controls: Control[]; area: number; score: number }

/** Every visible container in the frame that qualifies as a consent banner, best first. */
function findCandidates(doc: Document, wording: CompiledWording): Candidate[] {
  const found: Candidate[] = [];
  for (const el of allElements(doc)) {
    const kind = containerKind(el);
    if (!kind || !isVisible(el)) continue;
    const text = visibleText(el);
    if (text.length < 10 || text.length > MAX_CANDIDATE_TEXT) continue;
    const words = matchWording(text, wording);
    if (!words.keyword) continue;
    const controls = controlsOf(el, wording);
    const visible = controls.filter((c) => c.visible);
    if (visible.length === 0) continue;
    const consentControls = visible.filter((c) => c.kind !== null);
    // A sticky footer with a "cookies" link is not a banner: ask for a consent control, or a banner
    // sentence outside the controls' own labels.
    if (consentControls.length === 0) {
      let prose = text;
      for (const c of visible) if (c.label) prose = prose.replace(c.label, ' ');
      if (!matchWording(prose, wording).strong && !saysImpliedConsent(prose, wording)) continue;
    }
    const r = el.getBoundingClientRect();
    const kinds = new Set(consentControls.map((c) => c.kind));
    const score = (kinds.has('accept') ? 4 : 0) + (kinds.has('reject') ? 4 : 0) + (kinds.has('settings') ? 1 : 0) + (words.strong ? 1 : 0);
    found.push({ el, kind, text, controls, area: r.width * r.height, score });
  }
  found.push(...inlineCandidates(doc, wording));
  // Best evidence first; among equals the innermost (smallest) box, which is the banner and not its overlay.
  return found.sort((a, b) => b.score - a.score || a.area - b.area);
}

/** The element's parent, or its shadow host at the top of a shadow tree. */
function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
}

/**
 * Notices in the page's flow: from each rendered accept control (anywhere in the page, not only on
 * the first screen), the nearest enclosing short block whose text carries consent wording and which
 * also offers a reject or settings control. They rank below a fixed banner with the same controls.
 */
function inlineCandidates(doc: Document, wording: CompiledWording): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<Element>();
  for (const ctl of allElements(doc)) {
    if (!ctl.matches(CONTROL_SELECTOR)) continue;
    // A cheap first look (no layout) at every control of the page; the label as shown only for likely ones.
    const raw = ctl.localName === 'input' ? (ctl as HTMLInputElement).value : (ctl.textContent ?? '').trim() || ctl.getAttribute('aria-label') || ctl.getAttribute('title') || '';
    if (raw.length > 4 * MAX_LABEL_LENGTH || classifyLabel(raw, wording) !== 'accept') continue;
    const label = controlLabel(ctl);
    if (!label || label.length > MAX_LABEL_LENGTH || classifyLabel(label, wording) !== 'accept' || !isVisible(ctl, true)) continue;
    // Inside a fixed or sticky layer it is that banner's control, judged on the first screen (a banner
    // slid out of view once answered must not come back as a notice).
    const view = doc.defaultView!;
    let contained = false;
    for (let a = parentOf(ctl); a && !contained; a = parentOf(a)) contained = ['fixed', 'sticky'].includes(view.getComputedStyle(a).position);
    if (contained) continue;
    let up = parentOf(ctl);
    for (let depth = 0; up && depth < MAX_INLINE_DEPTH && up !== doc.body && up !== doc.documentElement; depth++, up = parentOf(up)) {
      if (seen.has(up)) break;
      if ((up.textContent ?? '').length > MAX_INLINE_TEXT * 4) break;
      const text = visibleText(up, true);
      if (text.length > MAX_INLINE_TEXT) break;
      const words = matchWording(text, wording);
      if (!words.keyword) continue;
      const controls = controlsOf(up, wording, true);
      const kinds = new Set(controls.filter((c) => c.visible && c.kind).map((c) => c.kind));
      if (!kinds.has('reject') && !kinds.has('settings')) continue;
      seen.add(up);
      const r = up.getBoundingClientRect();
      const score = 4 + (kinds.has('reject') ? 4 : 0) + (kinds.has('settings') ? 1 : 0) + (words.strong ? 1 : 0) - 0.5;
      out.push({ el: up, kind: 'inline', text, controls, area: r.width * r.height, score });
      break;
    }
  }
  return out;
}

/** Alpha of a computed CSS colour (`rgba(…)`, `rgb(…)`, `transparent`). */
function alphaOf(color: string): number {
  if (!color || color === 'transparent') return 0;
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) return 1;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  return parts.length >= 4 ? Number(parts[3]) : 1;
}

/** The first opaque background behind an element (its ancestors', through shadow hosts), or null. */
function backgroundBehind(el: Element): string | null {
  const view = el.ownerDocument.defaultView!;
  for (let up: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); up;
    up = up.parentElement ?? ((up.getRootNode() as ShadowRoot).host ?? null)) {
    const bg = view.getComputedStyle(up).backgroundColor;
    if (alphaOf(bg) > 0.5) return bg;
  }
  return null;
}

/** A filled button: its own visible background (colour or image) differing from what is behind it. */
function isFilled(el: Element): boolean {
  const style = el.ownerDocument.defaultView!.getComputedStyle(el);
  if (style.backgroundImage && style.backgroundImage !== 'none') return true;
  if (alphaOf(style.backgroundColor) <= 0.1) return false;
  return style.backgroundColor !== backgroundBehind(el);
}

function measure(x: Control, wording: CompiledWording): MeasuredControl | null {
  const kind = x.kind ?? (isCloseLabel(x.label || x.el.getAttribute('aria-label') || '', wording) ? 'close' : null);
  if (!kind) return null;
  const r = x.el.getBoundingClientRect();
  return { kind, label: x.label.slice(0, MAX_LABEL_LENGTH), width: Math.round(r.width), height: Math.round(r.height), filled: isFilled(x.el) };
}

/** The fixed element at or above `el` (through shadow hosts) that covers most of the viewport, if any. */
function coveringLayer(el: Element | null): Element | null {
  for (let up = el; up; up = up.parentElement ?? ((up.getRootNode() as ShadowRoot).host ?? null)) {
    const view = up.ownerDocument.defaultView!;
    const pos = view.getComputedStyle(up).position;
    if (pos !== 'fixed' && pos !== 'absolute') continue;
    const r = up.getBoundingClientRect();
    const covered = Math.max(0, Math.min(r.right, view.innerWidth) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, view.innerHeight) - Math.max(r.top, 0));
    if (covered >= 0.85 * view.innerWidth * view.innerHeight) return up;
  }
  return null;
}

/** Whether the page under the banner cannot be reached: every sample point outside the banner lands on a covering layer. */
function blocksPage(banner: Element): boolean {
  const doc = banner.ownerDocument;
  const view = doc.defaultView!;
  const w = view.innerWidth;
  const h = view.innerHeight;
  if (coveringLayer(banner)) return true;
  const b = banner.getBoundingClientRect();
  const points = [[0.05, 0.05], [0.5, 0.05], [0.95, 0.05], [0.05, 0.5], [0.95, 0.5], [0.5, 0.5], [0.05, 0.95], [0.5, 0.95], [0.95, 0.95]]
    .map(([fx, fy]) => [fx * w, fy * h])
    .filter(([x, y]) => x < b.left || x > b.right || y < b.top || y > b.bottom);
  if (points.length === 0) return true;
  return points.every(([x, y]) => {
    let hit = doc.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return coveringLayer(hit) !== null;
  });
}

function describe(c: Candidate | undefined, wording?: CompiledWording): HeuristicBanner {
  if (!c) {
    return {
      found: false, text: null, acceptFound: false, rejectFound: false, rejectOnFirstLayer: false, settingsFound: false,
      selector: null, inShadowRoot: false, kind: null, rect: null, controls: [], impliedConsent: false, blocksPage: false,
    };
  }
  const visible = c.controls.filter((x) => x.visible && x.kind);
  const has = (k: ControlKind, list: Control[]): boolean => list.some((x) => x.kind === k);
  const r = c.el.getBoundingClientRect();
  return {
    found: true,
    text: c.text.slice(0, CAPS.bannerTextChars),
    acceptFound: has('accept', visible),
    rejectFound: has('reject', c.controls),
    rejectOnFirstLayer: has('reject', visible),
    settingsFound: has('settings', visible),
    selector: selectorOf(c.el),
    inShadowRoot: c.el.getRootNode() instanceof ShadowRoot,
    kind: c.kind,
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    controls: (wording
      ? c.controls.filter((x) => x.visible).map((x) => measure(x, wording)).filter((m): m is MeasuredControl => m !== null)
      : visible.map((x) => ({ kind: x.kind!, label: x.label.slice(0, MAX_LABEL_LENGTH), width: 0, height: 0, filled: false }))).slice(0, CAPS.bannerControls),
    impliedConsent: wording ? saysImpliedConsent(c.text, wording) : false,
    blocksPage: blocksPage(c.el),
  };
}

/** Looks for a visible consent banner in this frame's document (and its open shadow roots). */
export function detectBanner(doc: Document, wording: Wording): HeuristicBanner {
  const w = compiled(wording);
  return describe(findCandidates(doc, w)[0], w);
}

/**
 * Clicks the banner's visible control of kind `choice`, found by its text. The exact label match
 * with the shortest text wins ("Tout refuser" over "Refuser les cookies et fermer la fenêtre").
 */
export function clickBannerButton(doc: Document, wording: Wording, choice: ControlKind): HeuristicClick {
  const w = compiled(wording);
  for (const c of findCandidates(doc, w)) {
    const hits = c.controls.filter((x) => x.visible && x.kind === choice).sort((a, b) => a.label.length - b.label.length);
    const target = hits[0];
    if (!target) continue;
    const sel = selectorOf(c.el);
    (target.el as HTMLElement).click();
    return { clicked: true, label: target.label, selector: sel };
  }
  return { clicked: false, label: null, selector: null };
}

// Purpose switches: native checkboxes (often styled, sometimes transparent) and ARIA switches.
const TOGGLE_SELECTOR = 'input[type="checkbox"], [role="switch"], [role="checkbox"]';

/** Whether the visitor may switch a purpose toggle (a read-only "necessary" toggle is disabled). */
function toggleSwitchable(el: Element): boolean {
  return !(el.matches(':disabled') || el.getAttribute('aria-disabled') === 'true' || el.getAttribute('aria-readonly') === 'true');
}

/** Whether a purpose toggle is on and the visitor may switch it. */
function toggleOn(el: Element): boolean {
  if (!toggleSwitchable(el)) return false;
  return el.localName === 'input' ? (el as HTMLInputElement).checked : el.getAttribute('aria-checked') === 'true';
}

/**
 * Refuses in a settings layer that offers no "Tout refuser": switches every purpose toggle of the banner that holds a
 * save control off, then clicks that control ("Enregistrer mes choix", "Valider"). Nothing is clicked when no visible
 * banner has a save control.
 */
export function refuseWithToggles(doc: Document, wording: Wording): HeuristicToggleRefusal {
  const w = compiled(wording);
  for (const c of findCandidates(doc, w)) {
    const save = c.controls.filter((x) => x.visible && isSaveLabel(x.label, w)).sort((a, b) => a.label.length - b.label.length)[0];
    if (!save) continue;
    let switchedOff = 0;
    // One by one, reading each state at its turn: switching a category off may switch its services off with it.
    for (const t of descendants(c.el).filter((el) => el.matches(TOGGLE_SELECTOR))) {
      if (!toggleOn(t)) continue;
      (t as HTMLElement).click();
      if (!toggleOn(t)) switchedOff++;
    }
    const sel = selectorOf(c.el);
    (save.el as HTMLElement).click();
    return { clicked: true, label: save.label, selector: sel, switchedOff };
  }
  return { clicked: false, label: null, selector: null, switchedOff: 0 };
}

/**
 * Whether the banner at `selector` has gone: the element is missing or hidden, and no other banner
 * offering an accept or reject control took its place in this frame.
 */
export function bannerGone(doc: Document, wording: Wording, selector: string | null): boolean {
  const el = selector ? resolveSelector(doc, selector) : null;
  if (el && isVisible(el)) return false;
  const still = detectBanner(doc, wording);
  return !(still.found && (still.acceptFound || still.rejectOnFirstLayer));
}

/**
 * Whether a click on `target` saves a banner's choices with every purpose toggle the visitor may switch off
 * ("Enregistrer mes choix" after switching them off): a refusal made with toggles, for the extension. Read in
 * the click's capture phase, before the page's own handlers; a banner without such toggles saves no refusal.
 */
export function savesRefusal(target: Element | null, wording: Wording): boolean {
  const w = compiled(wording);
  let el: Element | null = target;
  while (el && !el.matches(CONTROL_SELECTOR)) el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
  if (!el || !isSaveLabel(controlLabel(el), w)) return false;
  const banner = findCandidates(el.ownerDocument, w).find((c) => descendants(c.el).includes(el));
  const toggles = banner ? descendants(banner.el).filter((t) => t.matches(TOGGLE_SELECTOR) && toggleSwitchable(t)) : [];
  return toggles.length > 0 && !toggles.some(toggleOn);
}

/**
 * The consent control a click landed on, for the extension: its kind, when it is inside a banner.
 * @example document.addEventListener('click', (e) => classifyClick(e.composedPath()[0] as Element, w), true)
 */
export function classifyClick(target: Element | null, wording: Wording): ControlKind | null {
  const w = compiled(wording);
  let el: Element | null = target;
  // Walk out through shadow roots to the nearest control.
  while (el && !el.matches(CONTROL_SELECTOR)) {
    el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
  }
  if (!el) return null;
  const kind = classifyLabel(controlLabel(el), w);
  if (!kind) return null;
  for (let up: Element | null = el; up; up = parentOf(up)) {
    if (containerKind(up) && matchWording(visibleText(up), w).keyword) return kind;
  }
  // A notice in the page's flow has no fixed or dialog container: the control is in one the heuristic finds.
  const doc = el.ownerDocument;
  const inline = findCandidates(doc, w).filter((c) => c.kind === 'inline');
  for (let up: Element | null = el; up; up = parentOf(up)) if (inline.some((c) => c.el === up)) return kind;
  return null;
}
