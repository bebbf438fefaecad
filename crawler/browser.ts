/**
 * Launches the crawl's one headless Chromium with a throwaway profile that accepts third-party
 * cookies (a real visitor's default), and removes the profile when closed.
 *
 * @example
 *   const b = await launchBrowser({ executablePath: '/usr/bin/chromium', extraArgs: [] });
 *   const ctx = await b.browser.createBrowserContext(); … await b.close();
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { probeSandboxHost, sandboxArgs, sandboxDecision, type SandboxHost } from './sandbox.ts';

/** Chromium's switches for every launch. No `--no-sandbox`: see launchArgs() and crawler/sandbox.ts. */
export const BASE_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Some consent managers hide from automated browsers.
  '--disable-blink-features=AutomationControlled',
];

/**
 * BASE_ARGS, `--no-sandbox` only where Chromium cannot run sandboxed on this machine (root, no user
 * namespaces) or when `extraArgs` already holds it (the CLI's `--no-sandbox`), then `extraArgs`.
 */
export function launchArgs(extraArgs: readonly string[] = [], host: SandboxHost = probeSandboxHost()): string[] {
  const decision = sandboxDecision(host, { noSandbox: extraArgs.includes('--no-sandbox') });
  return [...BASE_ARGS, ...(decision.explicit ? [] : sandboxArgs(decision)), ...extraArgs];
}

export interface LaunchOptions {
  executablePath: string;
  extraArgs: readonly string[];
}

export interface LaunchedBrowser {
  browser: Browser;
  userDataDir: string;
  /** The browser's process id, to measure its memory (bench). */
  pid: number | null;
  close(): Promise<void>;
}

/** Writes the profile preferences that lift Chromium's default third-party cookie blocking. */
export async function makeProfile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-audit-profile-'));
  await mkdir(join(dir, 'Default'), { recursive: true });
  await writeFile(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  return dir;
}

export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  const userDataDir = await makeProfile();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      pipe: true,
      userDataDir,
      defaultViewport: { width: 1280, height: 800 },
      args: launchArgs(options.extraArgs),
      // `--enable-automation` sets navigator.webdriver, which some consent managers check.
      ignoreDefaultArgs: ['--enable-automation'],
      protocolTimeout: 60_000,
      // The CLI handles Ctrl-C itself, to write the report of the finished sites first.
      handleSIGINT: false,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    browser,
    userDataDir,
    pid: browser.process()?.pid ?? null,
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
