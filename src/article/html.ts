import { Readability } from '@mozilla/readability';
import type { Article, Paragraph } from './article.ts';
import {
  AD_LABEL,
  CREDIT_SEPARATOR,
  CREDIT_WORD,
  CROSS_LINK,
  FURNITURE_PHRASES,
  FURNITURE_WORDS,
  MAX_BARE_CREDIT_WORDS,
  MAX_FURNITURE_LINE,
  NON_PROSE_SELECTOR,
} from './boilerplate.ts';
import { buildArticle } from './build.ts';
import type { DecodedText } from './decode.ts';
import {
  type DomDocument,
  type DomElement,
  type DomNode,
  isElement,
  parseDocument,
  TEXT_NODE,
} from './dom.ts';
import { InputError } from './errors.ts';
import { pageMetadata } from './html-metadata.ts';

/** Block elements whose text is a paragraph; the innermost one wins (a `<p>` inside a `<blockquote>`). */
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'LI', 'PRE', 'DD', 'DT']);
const BLOCK_SELECTOR = [...BLOCKS].join(',').toLowerCase();
const SPACES = /[ \t\n\r\f\v\u200b]+/g;
const HAS_WORD = /[\p{L}\p{N}]/u;
const FURNITURE_CLASS = new RegExp(
  `(^|[\\s_-])(${FURNITURE_WORDS.join('|')})($|[\\s_-])|${FURNITURE_PHRASES.join('|')}`,
  'i',
);
/** A furniture-looking element holding this many long paragraphs is the article itself: keep it. */
const CONTENT_PARAGRAPHS = 3;
const LONG_PARAGRAPH = 100;
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];
const CHARSET_META = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`), if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return CHARSET_META.exec(head)?.[1];
}

export interface HtmlArticleContext {
  source: string;
  id: string;
  languageOverride?: string;
}

/**
 * An Article from a saved news page. Its text is the title and the extracted paragraphs joined by
 * blank lines (title on line 1, paragraphs on lines 3, 5, ...), so offsets index that text.
 * Navigation, captions, credit lines, share and ad blocks are left out.
 */
export function htmlArticle(decoded: DecodedText, context: HtmlArticleContext): Article {
  const document = parseDocument(decoded.text);
  const meta = pageMetadata(document);
  removeFurniture(document);
  const readable = new Readability<DomNode>(document as unknown as ReadabilityDocument, {
    serializer: (el) => el as unknown as DomNode,
  }).parse();
  const title = clean(meta.title ?? readable?.title ?? document.title);
  const content = readable?.content && isElement(readable.content) ? readable.content : document.body;
  const blocks = content ? blockTexts(content) : [];
  if (blocks.length === 0) throw new InputError(context.source, 'no article text found in the page');
  const pieces = [...(title ? [title] : []), ...blocks.filter((b, i) => i > 0 || !sameText(b, title))];
  const { text, paragraphs } = layOut(pieces, Boolean(title));
  return buildArticle({
    id: context.id,
    text,
    paragraphs,
    title,
    metadata: {
      format: 'html',
      source: context.source,
      encoding: decoded.encoding,
      ...definedOnly({
        outlet: meta.outlet ?? readable?.siteName ?? undefined,
        url: meta.url,
        author: byline(meta.author ?? readable?.byline ?? undefined),
        published: isoDate(meta.published ?? readable?.publishedTime ?? undefined),
      }),
    },
    declaredLanguage: meta.lang ?? readable?.lang ?? undefined,
    languageOverride: context.languageOverride,
  });
}

/** Title first, then one paragraph per piece, separated by blank lines. */
function layOut(pieces: string[], titled: boolean): { text: string; paragraphs: Paragraph[] } {
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  pieces.forEach((piece, index) => {
    paragraphs.push({
      index,
      line: 1 + 2 * index,
      kind: titled && index === 0 ? 'title' : 'body',
      start: offset,
      end: offset + piece.length,
      text: piece,
    });
    offset += piece.length + 2;
  });
  return { text: pieces.join('\n\n'), paragraphs };
}

function removeFurniture(document: DomDocument): void {
  for (const el of Array.from(document.querySelectorAll(NON_PROSE_SELECTOR))) el.remove();
  for (const el of Array.from(document.querySelectorAll('[class],[id]'))) {
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (FURNITURE_CLASS.test(names) && !holdsArticle(el)) el.remove();
  }
}

function holdsArticle(el: DomElement): boolean {
  let long = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) {
    if ((p.textContent ?? '').length >= LONG_PARAGRAPH && ++long >= CONTENT_PARAGRAPHS) return true;
  }
  return false;
}

/** Text of the innermost block elements, whitespace collapsed, furniture lines dropped. */
function blockTexts(root: DomElement): string[] {
  const texts: string[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCK_SELECTOR))) {
    if (el.querySelector(BLOCK_SELECTOR)) continue;
    const text = clean(textOf(el));
    if (HAS_WORD.test(text) && !isFurnitureLine(text)) texts.push(text);
  }
  return texts;
}

/** Text content with `<br>` read as a space (textContent would glue the two lines together). */
function textOf(node: DomNode): string {
  if (node.nodeType === TEXT_NODE) return node.textContent ?? '';
  if (node.nodeName === 'BR') return ' ';
  let text = '';
  for (const child of Array.from(node.childNodes)) text += textOf(child);
  return text;
}

export function isFurnitureLine(text: string): boolean {
  if (text.length > MAX_FURNITURE_LINE) return false;
  if (AD_LABEL.test(text) || CROSS_LINK.test(text)) return true;
  const credit = CREDIT_WORD.exec(text);
  if (!credit) return false;
  const rest = text.slice(credit[0].length);
  return (
    CREDIT_SEPARATOR.test(rest) ||
    (text.split(/\s+/).length <= MAX_BARE_CREDIT_WORDS && !/[.!?…]$/.test(text))
  );
}

function clean(text: string | undefined): string {
  return (text ?? '').replace(SPACES, ' ').trim();
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** "By Jane Doe" → "Jane Doe". */
function byline(author: string | undefined): string | undefined {
  const name = clean(author).replace(/^(by|par|von|di|door|przez|автор:?)\s+/i, '');
  return name || undefined;
}

/** ISO 8601 dates stay as written; other parsable dates become ISO; anything else is dropped. */
function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
