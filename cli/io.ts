/**
 * Where the command line writes: the process's stdout and stderr, or a test's buffers, so the
 * whole CLI runs in-process (`main(argv, io)`) without spawning Node.
 *
 * @example
 *   let out = '';
 *   const code = await main(['node', 'cookie-audit', 'report', 'r.json'], { stdout: (s) => { out += s; }, stderr: () => {} });
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal: the crawl then draws a progress bar on process.stderr. Default false. */
  stderrIsTTY?: boolean;
}

/** The process's own streams (the default everywhere). */
export const processIo: CliIo = {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
  get stderrIsTTY() { return process.stderr.isTTY === true; },
};
