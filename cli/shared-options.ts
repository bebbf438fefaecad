/**
 * The options `crawl` and `report` share, declared once: output formats and language, and the CI
 * gating flags. Each adder returns the command so calls chain.
 *
 * @example
 *   addGateOptions(addFormatOptions(program.command('report'), 'html'));
 */
import type { Command } from 'commander';
import { FORMATS } from '../reports/formats.ts';
import { LANGS } from '../reports/render-options.ts';
import { FAIL_ON } from '../src/gate.ts';

/** `--format` (default `defaults`) and `--lang`. */
export function addFormatOptions(command: Command, defaults: string): Command {
  return command
    .option('--format <list>', `report formats, comma-separated: ${FORMATS.join(', ')} (default ${defaults})`)
    .option('--lang <lang>', `language of the HTML, Markdown, JUnit and SARIF text (CSV headers stay English): ${LANGS.join(' or ')} (default en)`);
}

/** `--fail-on`, `--allow-errors`, `--baseline`. */
export function addGateOptions(command: Command): Command {
  return command
    .option('--fail-on <level>', `exit 1 when a finding at this level or above remains: ${FAIL_ON.join(', ')} (default error)`)
    .option('--allow-errors', 'do not fail (exit 3) when a site could not be audited or a rule errored')
    .option('--baseline <report.json>', 'an earlier report: fail only on findings not in it, and list what was fixed since');
}
