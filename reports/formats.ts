/** The report formats and their file endings, apart from the renderers so the CLI's help can list them cheaply. */
export type Format = 'json' | 'html' | 'md' | 'csv' | 'junit' | 'sarif';
export const FORMATS: readonly Format[] = ['json', 'html', 'md', 'csv', 'junit', 'sarif'];

/** The file name ending each format is written with. */
export const FORMAT_EXTENSIONS: Record<Format, string> = {
  json: '.json', html: '.html', md: '.md', csv: '.csv', junit: '.junit.xml', sarif: '.sarif',
};
