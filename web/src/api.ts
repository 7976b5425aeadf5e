/** Calls to the spinlens API on the same origin (the page makes no other requests). */
import type {
  ArticlePage,
  Comparison,
  CorpusStats,
  Facets,
  ReuseResult,
  ServerArticleQuery,
} from './corpus/types.ts';
import type { Report } from './model.ts';
import { queryOf } from './route.ts';

export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 0) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export interface TextRequest {
  text: string;
  title?: string;
  lang?: string;
}

export function analyseText(request: TextRequest): Promise<Report> {
  return send(
    new Request('/api/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }),
  );
}

export function analyseFile(file: File, lang?: string): Promise<Report> {
  const form = new FormData();
  if (lang) form.append('lang', lang);
  form.append('file', file, file.name);
  return send(new Request('/api/analyze', { method: 'POST', body: form }));
}

/** Filters of the article list, as the server declares them; every one optional here. */
export type ArticleQuery = Partial<ServerArticleQuery>;

export function listArticles(query: ArticleQuery, signal?: AbortSignal): Promise<ArticlePage> {
  return get(`/api/articles?${queryOf({ ...query })}`, signal);
}

/** A stored article's report with its `reuse` findings: paragraphs also found in other stored articles. */
export function storedReport(id: string, signal?: AbortSignal): Promise<Report> {
  return get(`/api/articles/${encodeURIComponent(id)}?reuse=1`, signal);
}

export function reuseOf(id: string, signal?: AbortSignal): Promise<ReuseResult | ReuseResult[]> {
  return get(`/api/articles/${encodeURIComponent(id)}/reuse`, signal);
}

export function corpusStats(by: string, technique: string, signal?: AbortSignal): Promise<CorpusStats> {
  return get(`/api/stats?${queryOf({ by, technique })}`, signal);
}

export function compareArticles(ids: readonly string[], signal?: AbortSignal): Promise<Comparison> {
  return get(`/api/compare?${queryOf({ ids: ids.join(',') })}`, signal);
}

export function facets(signal?: AbortSignal): Promise<Facets> {
  return get('/api/facets', signal);
}

function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return send(new Request(path, signal ? { signal } : {}));
}

async function send<T>(request: Request): Promise<T> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiFailure('network', '');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const { code, message } = errorOf(body);
    throw new ApiFailure(code ?? String(response.status), message ?? response.statusText, response.status);
  }
  return body as T;
}

/** The error's code and message, whether the body is `{code, message}` or `{error: {code, message}}`. */
export function errorOf(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const outer = body as { code?: unknown; message?: unknown; error?: unknown };
  const inner =
    typeof outer.error === 'object' && outer.error !== null ? (outer.error as typeof outer) : outer;
  return {
    ...(typeof inner.code === 'string' ? { code: inner.code } : {}),
    ...(typeof inner.message === 'string' ? { message: inner.message } : {}),
  };
}
