import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Article, Paragraph } from './article.ts';
import { buildArticle } from './build.ts';
import { checkSize, checkText } from './decode.ts';
import { InputError } from './errors.ts';
import type { FieldNames, InputItem } from './input.ts';
import { plainTextParagraphs } from './plaintext.ts';
import { decodeStream, splitLines } from './text-stream.ts';
import { stem } from './textfile.ts';

export interface CorpusContext {
  /** The corpus as the user named it (`data/news.jsonl`); records are `data/news.jsonl:12`. */
  source: string;
  fields: FieldNames;
  maxBytes: number;
  languageOverride?: string;
}

type CorpusRecord = Record<string, unknown>;

/**
 * Articles of a JSONL corpus, one per non-blank line, streamed. A bad line (invalid JSON, no
 * text) yields a failure naming `file:line` and the rest go on.
 */
export async function* jsonlItems(
  input: AsyncIterable<Uint8Array | string>,
  context: CorpusContext,
): AsyncGenerator<InputItem> {
  const decoded = await decodeStream(input, context.source);
  for await (const { line, text } of splitLines(decoded.chunks)) {
    if (!text.trim()) continue;
    const where = `${context.source}:${line}`;
    yield attempt(where, () =>
      recordArticle(parseJsonRecord(text, where), line, where, 'jsonl', decoded.encoding, context),
    );
  }
}

function parseJsonRecord(line: string, where: string): CorpusRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputError(where, `invalid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(where, 'record is not a JSON object');
  }
  return value as CorpusRecord;
}

/**
 * Articles of a CSV (or TSV) corpus with a header row, streamed. Rows are numbered as a
 * spreadsheet numbers them: the header is row 1. A corpus without the text column is one failure.
 */
export async function* csvItems(
  input: AsyncIterable<Uint8Array | string>,
  context: CorpusContext & { delimiter: string },
): AsyncGenerator<InputItem> {
  const decoded = await decodeStream(input, context.source);
  // A malformed row (an unclosed quote) is skipped and reported; its ordinal among all rows is
  // the rows emitted so far plus the rows skipped so far, plus one.
  const skipped: InputError[] = [];
  const parser = parse({
    delimiter: context.delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      const row = parser.info.records + skipped.length + 1;
      skipped.push(new InputError(`${context.source}:${row}`, error?.message ?? 'malformed row'));
      return undefined;
    },
  });
  const text = Readable.from(decoded.chunks);
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);
  let header: string[] | undefined;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      while (skipped[0] && skipped[0].source === `${context.source}:${row}`) {
        yield failure(skipped.shift()!);
        row++;
      }
      if (!header) {
        header = cells.map((cell) => cell.trim());
        if (!header.includes(context.fields.text)) {
          throw new InputError(
            context.source,
            `no '${context.fields.text}' column (columns: ${header.join(', ') || 'none'})`,
          );
        }
        continue;
      }
      const names = header;
      const record = Object.fromEntries(names.map((name, i) => [name, cells[i]]));
      const where = `${context.source}:${row}`;
      yield attempt(where, () => recordArticle(record, row, where, 'csv', decoded.encoding, context));
    }
    for (const error of skipped) yield failure(error);
  } catch (error) {
    yield failure(
      error instanceof InputError
        ? error
        : new InputError(`${context.source}:${row + 1}`, (error as Error).message),
    );
  }
}

/** An Article from one record; its text is plain text, with the title field put first when there is one. */
function recordArticle(
  record: CorpusRecord,
  line: number,
  where: string,
  format: 'jsonl' | 'csv',
  encoding: string,
  context: CorpusContext,
): Article {
  const { fields } = context;
  const body = record[fields.text];
  if (body === undefined || body === null) throw new InputError(where, `missing text field '${fields.text}'`);
  if (typeof body !== 'string') throw new InputError(where, `field '${fields.text}' is not a string`);
  checkSize(Buffer.byteLength(body), where, context.maxBytes);
  checkText(body, where);
  const title = stringField(record, fields.title)?.replace(/\s+/g, ' ');
  const { text, paragraphs } = title
    ? withTitle(title, body)
    : { text: body, paragraphs: plainTextParagraphs(body) };
  return buildArticle({
    id: stringField(record, fields.id) ?? `${stem(context.source)}-${line}`,
    text,
    paragraphs,
    metadata: {
      format,
      source: where,
      encoding,
      ...definedFields({
        url: stringField(record, fields.url),
        published: stringField(record, fields.date),
        outlet: stringField(record, fields.outlet),
        author: stringField(record, fields.author),
      }),
    },
    declaredLanguage: stringField(record, fields.lang),
    languageOverride: context.languageOverride,
  });
}

/** Title, blank line, body: the SemEval layout, so the title is line 1 and the body starts on line 3. */
function withTitle(title: string, body: string): { text: string; paragraphs: Paragraph[] } {
  const shift = title.length + 2;
  const bodyParagraphs = plainTextParagraphs(body, { detectTitle: false }).map((p, i) => ({
    ...p,
    index: i + 1,
    line: p.line + 2,
    start: p.start + shift,
    end: p.end + shift,
  }));
  const titleParagraph: Paragraph = {
    index: 0,
    line: 1,
    kind: 'title',
    start: 0,
    end: title.length,
    text: title,
  };
  return { text: `${title}\n\n${body}`, paragraphs: [titleParagraph, ...bodyParagraphs] };
}

/** A field as a trimmed string (numbers accepted, for ids and dates); undefined when absent or blank. */
function stringField(record: CorpusRecord, name: string): string | undefined {
  const value = record[name];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function definedFields(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

function attempt(where: string, read: () => Article): InputItem {
  try {
    return { ok: true, article: read() };
  } catch (error) {
    return failure(error instanceof InputError ? error : new InputError(where, (error as Error).message));
  }
}

export function failure(error: InputError): InputItem {
  return { ok: false, source: error.source, error };
}
