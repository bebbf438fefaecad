/**
 * Offline validators for the CI formats: a structural check equivalent to the common JUnit XSD,
 * and ajv compiled from the vendored SARIF 2.1.0 schema.
 *
 * @example
 *   expect(junitProblems(cheerio.load(xml, { xml: true }))).to.deep.equal([]);
 *   const validate = sarifValidator(); validate(JSON.parse(sarif));
 */
import * as cheerio from 'cheerio';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export may arrive wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => void;

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL('./schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'));
  // The vendored schema is draft-04; its only draft-04-specific keyword is the top-level `id`.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regexes accept.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

type Cheerio$ = ReturnType<typeof cheerio.load>;

/** What the JUnit XSD (Ant / Jenkins flavour) requires, as assertions; returns the problems found. */
export function junitProblems($: Cheerio$): string[] {
  const problems: string[] = [];
  const int = (v: string | undefined) => v !== undefined && /^\d+$/.test(v);
  const root = $.root().children();
  if (root.length !== 1 || root[0].type !== 'tag' || (root[0] as { name: string }).name !== 'testsuites') problems.push('root must be one <testsuites>');
  const sum = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  $('testsuites > *').each((_, el) => {
    if ((el as { name: string }).name !== 'testsuite') problems.push(`unexpected <${(el as { name: string }).name}> in <testsuites>`);
  });
  $('testsuite').each((_, suite) => {
    const s = $(suite);
    for (const a of ['name', 'tests', 'failures', 'errors']) if (s.attr(a) === undefined) problems.push(`testsuite lacks @${a}`);
    for (const a of ['tests', 'failures', 'errors', 'skipped']) if (s.attr(a) !== undefined && !int(s.attr(a))) problems.push(`testsuite @${a} not an integer`);
    s.children().each((_, child) => {
      const name = (child as { name: string }).name;
      if (!['properties', 'testcase', 'system-out', 'system-err'].includes(name)) problems.push(`unexpected <${name}> in <testsuite>`);
    });
    s.find('properties > property').each((_, p) => { if ($(p).attr('name') === undefined || $(p).attr('value') === undefined) problems.push('property needs name and value'); });
    const cases = s.children('testcase');
    const counted = { tests: cases.length, failures: cases.children('failure').length, errors: cases.children('error').length, skipped: cases.children('skipped').length };
    for (const k of Object.keys(counted) as Array<keyof typeof counted>) {
      if (Number(s.attr(k)) !== counted[k]) problems.push(`testsuite ${s.attr('name')} @${k}=${s.attr(k)} but has ${counted[k]}`);
      sum[k] += counted[k];
    }
    cases.each((_, tc) => {
      const c = $(tc);
      if (!c.attr('name') || c.attr('classname') === undefined) problems.push('testcase needs name and classname');
      const outcomes = c.children('failure, error, skipped');
      if (outcomes.length > 1) problems.push(`testcase ${c.attr('name')} has ${outcomes.length} outcomes`);
      c.children().each((_, o) => {
        if (!['failure', 'error', 'skipped', 'system-out', 'system-err'].includes((o as { name: string }).name)) problems.push('unexpected testcase child');
      });
    });
  });
  const rootEl = $('testsuites');
  for (const k of Object.keys(sum) as Array<keyof typeof sum>) {
    if (Number(rootEl.attr(k)) !== sum[k]) problems.push(`testsuites @${k}=${rootEl.attr(k)} but suites sum to ${sum[k]}`);
  }
  return problems;
}

