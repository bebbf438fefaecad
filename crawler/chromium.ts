/**
 * Finds a Chromium/Chrome binary: `--executable`, then $CHROME_PATH / $PUPPETEER_EXECUTABLE_PATH,
 * then the usual system locations.
 *
 * @example
 *   findChromium({ executable: undefined, env: process.env }) // → '/usr/bin/chromium'
 */
import { accessSync, constants, statSync } from 'node:fs';

export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export class ChromiumNotFoundError extends Error {}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface FindChromiumOptions {
  executable?: string;
  env?: Record<string, string | undefined>;
  candidates?: readonly string[];
}

/** The path of a usable browser, or throws ChromiumNotFoundError saying how to get one. */
export function findChromium(options: FindChromiumOptions = {}): string {
  const env = options.env ?? process.env;
  if (options.executable !== undefined) {
    if (isExecutable(options.executable)) return options.executable;
    throw new ChromiumNotFoundError(
      `Expected \`--executable\` to be an executable Chromium or Chrome, got \`${options.executable}\` (missing or not executable).`);
  }
  for (const name of ['CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (isExecutable(value)) return value;
    throw new ChromiumNotFoundError(
      `Expected $${name} to name an executable Chromium or Chrome, got \`${value}\` (missing or not executable). Fix or unset it.`);
  }
  for (const path of options.candidates ?? SYSTEM_CHROMIUM_PATHS) {
    if (isExecutable(path)) return path;
  }
  throw new ChromiumNotFoundError(
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`, ' +
    'or run `scripts/ensure-chromium.sh`), or pass `--executable PATH` / set $CHROME_PATH.');
}
