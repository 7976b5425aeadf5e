/**
 * Hash routes, so the server needs no fallback route and every page is a plain link:
 * `#/` Analyse, `#/corpus?q=…&offset=…` Corpus (its filters in the query, so Back returns to the
 * same list), `#/article/<id>` a stored article, `#/compare?ids=a,b` Compare.
 */
export type PageName = 'analyse' | 'corpus' | 'article' | 'compare';

export interface Route {
  page: PageName;
  /** The article id of `#/article/<id>`. */
  id?: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split(/\?(.*)/s, 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'corpus') return { page: 'corpus', params };
  if (parts[0] === 'compare') return { page: 'compare', params };
  if (parts[0] === 'article' && parts[1]) {
    return { page: 'article', id: safeDecode(parts.slice(1).join('/')), params };
  }
  return { page: 'analyse', params };
}

/** Article ids are file names or record ids: anything may appear in them. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function articleHash(id: string): string {
  return `#/article/${encodeURIComponent(id)}`;
}

/** `#/corpus` with the given parameters, empty values left out. */
export function corpusHash(params: Record<string, string | number | undefined>): string {
  const query = queryOf(params);
  return query ? `#/corpus?${query}` : '#/corpus';
}

export function compareHash(ids: readonly string[]): string {
  return ids.length > 0 ? `#/compare?ids=${ids.map(encodeURIComponent).join(',')}` : '#/compare';
}

/** The ids of `#/compare?ids=a,b`, in order, without repeats. */
export function compareIds(params: URLSearchParams): string[] {
  const ids = (params.get('ids') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set(ids)];
}

export function queryOf(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}
