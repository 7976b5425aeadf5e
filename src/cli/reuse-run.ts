/** The work of `spinlens reuse` (see reuse.ts), loaded only when the command runs. */
import type { ReuseLink } from '../corpus/reuse/index.ts';
import { reuseJson } from '../corpus/reuse/json.ts';
import { Store } from '../corpus/store.ts';
import { type CliIO, EXIT, errorLine, Output } from './io.ts';
import type { ReuseOptions } from './reuse.ts';

/** Characters of each passage quoted in the text output. */
const QUOTE_CHARS = 90;

export async function reuse(id: string, options: ReuseOptions, io: CliIO): Promise<number> {
  const out = new Output(io.stdout);
  let store: Store;
  try {
    store = new Store(options.db, { mustExist: true });
  } catch (error) {
    io.stderr.write(errorLine(`${options.db}: ${(error as Error).message}`));
    return EXIT.inputFailed;
  }
  try {
    const versions = store.articles(id);
    if (versions.length === 0) {
      io.stderr.write(errorLine(`${id}: no article with this id in ${options.db}`));
      return EXIT.inputFailed;
    }
    if (options.format === 'json') {
      await out.write(`${JSON.stringify(reuseJson(store, versions), null, 2)}\n`);
      return EXIT.ok;
    }
    const results = versions.map((article) => ({ article, links: store.reuse.links(article.row) }));
    for (const { article, links } of results) {
      const text = store.report(article.row)?.article.text ?? '';
      await out.write(`${article.articleId} · ${article.title} · ${article.source}\n`);
      if (links.length === 0) await out.write('  no reused text found\n');
      for (const link of links) await out.write(describe(link, text));
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

function describe(link: ReuseLink, here: string): string {
  const kind = link.nearDuplicate ? 'near-duplicate' : 'reused passages';
  const lines = [
    `  ${kind}: ${link.other.articleId} · ${link.other.title} · ${link.other.source} · Jaccard ${link.jaccard.toFixed(2)}`,
  ];
  for (const p of link.passages) {
    lines.push(
      `    here ${p.here.start}–${p.here.end} ↔ there ${p.there.start}–${p.there.end} · similarity ${p.similarity.toFixed(2)}`,
      `      “${quote(here.slice(p.here.start, p.here.end))}”`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}
