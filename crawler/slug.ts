/**
 * A safe, readable directory name for a site's artefacts, unique within one crawl.
 *
 * @example
 *   const slugs = new SlugSet(); slugs.take('https://Lyon.cesi.fr:8443/a?b') // → 'lyon.cesi.fr_8443_a_b'
 */

export function slugOf(url: string): string {
  let raw = url;
  try {
    const u = new URL(url);
    raw = `${u.hostname}${u.port ? `_${u.port}` : ''}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
  } catch {
    // not a URL: slug the text itself
  }
  const slug = raw.toLowerCase().replace(/[^a-z0-9.-]+/g, '_').replace(/^[_.-]+|[_.-]+$/g, '').replace(/\.{2,}/g, '.').slice(0, 80);
  return slug === '' ? 'site' : slug;
}

export class SlugSet {
  private readonly used = new Set<string>();

  /** `taken`: names already in use (a resumed run's earlier site folders), never handed out again. */
  constructor(taken: Iterable<string> = []) {
    for (const t of taken) this.used.add(t);
  }

  take(url: string): string {
    const base = slugOf(url);
    let slug = base;
    for (let i = 2; this.used.has(slug); i++) slug = `${base}-${i}`;
    this.used.add(slug);
    return slug;
  }
}
