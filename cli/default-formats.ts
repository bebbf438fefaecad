/** Each command's default `--format`, in one light module so `--help` can show them without loading renderers. */
export const CRAWL_DEFAULT_FORMATS = 'json,html';
export const REPORT_DEFAULT_FORMATS = 'html';
export const JUDGE_DEFAULT_FORMATS = 'json,html';
