/**
 * Request bodies → Articles, with the same readers as `spinlens analyze`: JSON `{text, title?}`
 * is read as a text file would be; an uploaded file is decoded (BOM, UTF-16, Windows-1252) and
 * read as a saved HTML page or as SemEval/plain text. The main thread only checks a request's
 * fields (`jsonOptions`, `readOptions`); `toArticle` (decoding, HTML extraction, paragraphs,
 * language identification) runs where the analysis runs, on a worker thread with the pool.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../article/article.ts';
import { checkText, decodeBytes } from '../article/decode.ts';
import { InputError } from '../article/errors.ts';
import { htmlArticle, sniffHtmlCharset } from '../article/html.ts';
import { stem, textArticle } from '../article/textfile.ts';
import type { RenderedAnswer } from '../corpus/protocol.ts';
import type { Report } from '../pipeline/report.ts';
import { ApiError } from './errors.ts';
import { renderReport } from './render.ts';
import { LANGUAGE_PATTERN, RESPONSE_FORMATS, type ResponseFormat } from './schemas.ts';

/** What a request asks for, whichever way it came. */
export interface AnalyzeOptions {
  lang?: string;
  format: ResponseFormat;
}

const LANGUAGE = new RegExp(LANGUAGE_PATTERN);
const SOURCE = 'request';
const HTML_EXTENSIONS = /\.html?$/i;
const TEXT_EXTENSIONS = /\.(txt|text)$/i;

/** Validates the optional `lang` and `format` of a request (JSON fields, form fields or query). */
export function readOptions(lang: unknown, format: unknown): AnalyzeOptions {
  if (lang !== undefined && (typeof lang !== 'string' || !LANGUAGE.test(lang))) {
    throw new ApiError(
      400,
      'bad_language',
      `lang must be an ISO 639 code of 2 or 3 lowercase letters (e.g. fr, en, de), not ${JSON.stringify(lang)}`,
    );
  }
  const chosen = format ?? 'json';
  if (!RESPONSE_FORMATS.includes(chosen as ResponseFormat)) {
    throw new ApiError(
      400,
      'bad_format',
      `format must be one of ${RESPONSE_FORMATS.join(', ')}, not ${JSON.stringify(format)}`,
    );
  }
  return { ...(lang === undefined ? {} : { lang: lang as string }), format: chosen as ResponseFormat };
}

/** What a request carries, before it becomes an Article. Structured-clonable, for worker threads. */
export type ArticleInput =
  | { kind: 'json'; body: unknown }
  | { kind: 'upload'; upload: Upload; options: AnalyzeOptions; maxBytes: number };

export function toArticle(input: ArticleInput): Article {
  return input.kind === 'json'
    ? articleFromJson(input.body).article
    : articleFromUpload(input.upload, input.options, input.maxBytes);
}

/**
 * The response to an analysed input, in the format it asked for, as the exact body to send: run
 * on the worker that analysed it, so the main thread only passes a string on.
 */
export function render(report: Report, input: ArticleInput): RenderedAnswer {
  const format = input.kind === 'json' ? jsonOptions(input.body).format : input.options.format;
  const { contentType, body, csp } = renderReport(report, format);
  return {
    contentType,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(csp ? { csp } : {}),
  };
}

/** A JSON body `{text, title?, lang?, format?}` → the article and the options. */
export function articleFromJson(body: unknown): { article: Article; options: AnalyzeOptions } {
  const options = jsonOptions(body);
  const { text, title } = body as { text: string; title?: string };
  // A title becomes line 1 followed by a blank line, as in SemEval files and saved pages.
  const oneLineTitle = title?.replace(/\s+/g, ' ').trim();
  const full = oneLineTitle ? `${oneLineTitle}\n\n${text}` : text;
  try {
    checkText(full, SOURCE);
  } catch (error) {
    throw unreadable(error);
  }
  const article = textArticle(
    { text: full, encoding: 'utf-8' },
    { source: SOURCE, layout: 'auto', languageOverride: options.lang },
  );
  return { article: { ...article, id: contentId(full) }, options };
}

/** Checks the fields of a JSON body (cheap: no decoding) and returns its options. */
export function jsonOptions(body: unknown): AnalyzeOptions {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      'invalid_request',
      'the JSON body must be an object {text, title?, lang?, format?}',
    );
  }
  const { text, title, lang, format } = body as Record<string, unknown>;
  const options = readOptions(lang, format);
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ApiError(400, 'missing_text', 'the body needs a non-empty string field "text"');
  }
  if (title !== undefined && typeof title !== 'string') {
    throw new ApiError(400, 'invalid_request', 'title must be a string');
  }
  return options;
}

export interface Upload {
  bytes: Uint8Array;
  fileName?: string;
  /** The part's or the request's media type, without parameters. */
  mediaType?: string;
}

/** An uploaded file → an Article: HTML by extension, media type or content, else text. */
export function articleFromUpload(upload: Upload, options: AnalyzeOptions, maxBytes: number): Article {
  const { bytes, fileName } = upload;
  const html = isHtml(upload);
  const source = fileName ? baseName(fileName) : SOURCE;
  try {
    const decoded = decodeBytes(bytes, source, {
      maxBytes,
      declaredCharset: html ? sniffHtmlCharset(bytes) : undefined,
    });
    const id = fileName ? stem(source) || contentId(decoded.text) : contentId(decoded.text);
    if (html) return htmlArticle(decoded, { source, id, languageOverride: options.lang });
    const article = textArticle(decoded, {
      source,
      fileName: fileName ? source : undefined,
      layout: 'auto',
      languageOverride: options.lang,
    });
    return fileName ? article : { ...article, id };
  } catch (error) {
    throw unreadable(error);
  }
}

function isHtml({ bytes, fileName, mediaType }: Upload): boolean {
  if (fileName && HTML_EXTENSIONS.test(fileName)) return true;
  if (fileName && TEXT_EXTENSIONS.test(fileName)) return false;
  if (fileName && /\.[^./\\]+$/.test(fileName)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `cannot read ${baseName(fileName)}: send .txt or .html files`,
    );
  }
  if (mediaType === 'text/html') return true;
  if (mediaType === 'text/plain') return false;
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  return /^(\ufeff|\xef\xbb\xbf|\s)*</.test(head);
}

function unreadable(error: unknown): Error {
  if (error instanceof InputError) return new ApiError(422, 'unreadable_input', error.problem);
  return error as Error;
}

/** Articles sent without a file name are named by their content, so the same text has the same id. */
function contentId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}
