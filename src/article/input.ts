import type { Article, InputFormat } from './article.ts';
import type { InputError } from './errors.ts';

/** Field (JSONL key or CSV column) names of a corpus record. */
export interface FieldNames {
  id: string;
  title: string;
  text: string;
  url: string;
  date: string;
  outlet: string;
  lang: string;
  author: string;
}

export const DEFAULT_FIELDS: FieldNames = {
  id: 'id',
  title: 'title',
  text: 'text',
  url: 'url',
  date: 'date',
  outlet: 'outlet',
  lang: 'lang',
  author: 'author',
};

export interface ReadOptions {
  /** Forces how every input is read; 'auto' (default) goes by extension, and for stdin by content. */
  format?: 'auto' | InputFormat;
  /** Language override (`--lang`): 2-3 lowercase letters. */
  lang?: string;
  fields?: Partial<FieldNames>;
  /** Limit on one file, stdin or corpus record (default 20 MB). */
  maxBytes?: number;
  /** Where `-` reads from (default: process.stdin). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export type InputItem = { ok: true; article: Article } | { ok: false; source: string; error: InputError };

export interface InputSet {
  /** Number of items when known in advance (files and directories); undefined with corpora or stdin. */
  total?: number;
  items: AsyncIterable<InputItem>;
}
