import type { DomDocument } from './dom.ts';

/** What a saved page says about its article, before any extraction touches the DOM. */
export interface PageMetadata {
  title?: string;
  author?: string;
  published?: string;
  outlet?: string;
  url?: string;
  lang?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPE = /Article|BlogPosting|Report/;

/**
 * Reads title, author, published date, outlet, URL and language from meta tags, JSON-LD,
 * `<link rel=canonical>`, `<time datetime>` and `<html lang>`. Meta tags first (they are what
 * sharing previews use), JSON-LD next, markup last.
 */
export function pageMetadata(document: DomDocument): PageMetadata {
  const meta = metaTags(document);
  const ld = jsonLdArticle(document);
  const time = document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]');
  return {
    title: meta['og:title'] ?? text(ld?.headline),
    author: authorName(meta.author ?? meta['article:author']) ?? personNames(ld?.author),
    published:
      meta['article:published_time'] ??
      text(ld?.datePublished) ??
      attribute(time, 'datetime') ??
      meta.datepublished ??
      meta.pubdate ??
      meta.date,
    outlet: meta['og:site_name'] ?? personNames(ld?.publisher),
    url: attribute(document.querySelector('link[rel="canonical"]'), 'href') ?? meta['og:url'],
    lang:
      attribute(document.documentElement, 'lang') ??
      meta['content-language'] ??
      meta['og:locale'] ??
      undefined,
  };
}

/** `<meta property|name|itemprop|http-equiv=... content=...>`, keys lowercased, first one wins. */
function metaTags(document: DomDocument): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const el of Array.from(document.querySelectorAll('meta[content]'))) {
    const key = (
      el.getAttribute('property') ??
      el.getAttribute('name') ??
      el.getAttribute('itemprop') ??
      el.getAttribute('http-equiv')
    )
      ?.trim()
      .toLowerCase();
    const value = el.getAttribute('content')?.trim();
    if (key && value && !(key in tags)) tags[key] = value;
  }
  return tags;
}

/** The first JSON-LD object typed as an article (NewsArticle, ReportageNewsArticle, BlogPosting...). */
function jsonLdArticle(document: DomDocument): JsonObject | undefined {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: Json;
    try {
      data = JSON.parse(script.textContent ?? '') as Json;
    } catch {
      continue; // a broken JSON-LD block is common and harmless: other sources remain
    }
    const found = findArticle(data);
    if (found) return found;
  }
  return undefined;
}

function findArticle(data: Json): JsonObject | undefined {
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findArticle(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(data)) return undefined;
  const type = data['@type'];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t))) return data;
  return data['@graph'] ? findArticle(data['@graph']) : undefined;
}

/** Names from a JSON-LD person or organisation, or a list of them, joined by commas. */
function personNames(value: Json | undefined): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list
    .map((item) =>
      isObject(item) ? text(item.name) : typeof item === 'string' ? authorName(item) : undefined,
    )
    .filter((name): name is string => Boolean(name));
  return names.length > 0 ? names.join(', ') : undefined;
}

/** An author meta value, unless it is a profile URL. */
function authorName(value: string | undefined): string | undefined {
  return value && !/^https?:/i.test(value) ? value : undefined;
}

function text(value: Json | undefined): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function attribute(
  el: { getAttribute(name: string): string | null } | null,
  name: string,
): string | undefined {
  return el?.getAttribute(name)?.trim() || undefined;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
