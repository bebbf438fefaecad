/**
 * The popup: asks the background for the active tab's audit (or the tab named by `?tab=ID`, which
 * tests use) and shows it; exports the report as JSON or HTML with the shared renderers; starts an
 * audit from scratch. It holds no state of its own.
 */
import browser from 'webextension-polyfill';
import { render } from '../../reports/index.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import type { AuditFromScratchMessage, GetReportDocumentMessage, GetReportMessage, PopupAnswers } from '../message-types.ts';
import { el } from './dom.ts';
import { msg, uiLang } from './locale.ts';
import { renderAudit } from './view.ts';

async function targetTab(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

function download(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileStem(site: SiteAudit): string {
  let host = 'site';
  try { host = new URL(site.finalUrl || site.url).hostname.replace(/[^a-z0-9.-]/gi, '_'); } catch { /* keep default */ }
  return `cookie-audit-${host}-${new Date().toISOString().slice(0, 10)}`;
}

async function exportReport(tabId: number, format: 'json' | 'html'): Promise<void> {
  const report = await browser.runtime.sendMessage({ type: 'get-report-document', tabId } satisfies GetReportDocumentMessage) as PopupAnswers['get-report-document'];
  const lang = uiLang();
  const site = (report as Report).sites[0]!;
  download(render(report, format, { lang }), format === 'json' ? 'application/json' : 'text/html', `${fileStem(site)}.${format}`);
}

function actions(tabId: number, site: SiteAudit): HTMLElement {
  const status = el('p', { class: 'status', role: 'status' });
  const button = (label: string, id: string, run: () => Promise<void>): HTMLButtonElement => {
    const b = el('button', { type: 'button', id }, label);
    b.addEventListener('click', () => {
      run().catch((err: unknown) => { status.textContent = msg('failed', err instanceof Error ? err.message : String(err)); });
    });
    return b;
  };
  const canExport = site.status === 'ok';
  const bar = el('div', { class: 'actions' },
    canExport && button(msg('exportJson'), 'export-json', () => exportReport(tabId, 'json')),
    canExport && button(msg('exportHtml'), 'export-html', () => exportReport(tabId, 'html')),
    button(msg('scratch'), 'scratch', async () => {
      status.textContent = msg('scratchRunning');
      const answer = await browser.runtime.sendMessage({ type: 'audit-from-scratch', tabId } satisfies AuditFromScratchMessage) as PopupAnswers['audit-from-scratch'];
      status.textContent = answer.ok ? msg('scratchDone') : answer.error;
    }));
  return el('footer', {}, bar, status,
    el('p', { class: 'privacy' }, msg('privacy')));
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  document.documentElement.lang = uiLang();
  const tabId = await targetTab();
  if (tabId === null) {
    root.replaceChildren(el('p', {}, msg('noTab')));
    return;
  }
  const site = await browser.runtime.sendMessage({ type: 'get-report', tabId } satisfies GetReportMessage) as PopupAnswers['get-report'];
  root.replaceChildren(renderAudit(site), actions(tabId, site));
  document.body.dataset.ready = 'true';
}

main().catch((err: unknown) => {
  document.getElementById('app')!.replaceChildren(el('p', { class: 'error' }, msg('cannotShow', err instanceof Error ? err.message : String(err))));
  document.body.dataset.ready = 'true';
});
