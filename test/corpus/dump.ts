/**
 * Everything a store holds about articles, as sorted lines keyed by natural keys (article id and
 * content hash, never row ids), without what differs between runs by nature: run ids, run
 * timestamps and the analysers' timings. Two stores with equal dumps hold the same rows.
 */
import Database from 'better-sqlite3';

const KEY = `a.article_id || ' ' || a.content_hash`;

const QUERIES: Record<string, string> = {
  articles: `SELECT article_id, content_hash, source, title, text, language, outlet, url, author, published,
      format, language_json, metadata_json, analysers_key, report_json FROM articles a`,
  paragraphs: `SELECT ${KEY} AS article, p.idx, p.line, p.kind, p.start, p.end FROM paragraphs p JOIN articles a ON a.id = p.article`,
  findings: `SELECT ${KEY} AS article, f.seq, f.analyser, f.label, f.score, f.paragraph, f.span_start, f.span_end,
      f.evidence, f.attributes FROM findings f JOIN articles a ON a.id = f.article`,
  failures: `SELECT source, error FROM failures`,
  sketches: `SELECT ${KEY} AS article, s.shingles, hex(s.signature) AS signature FROM reuse_sketches s JOIN articles a ON a.id = s.article`,
  bands: `SELECT ${KEY} AS article, b.hash FROM reuse_bands b JOIN articles a ON a.id = b.article`,
  prints: `SELECT ${KEY} AS article, p.hash FROM reuse_prints p JOIN articles a ON a.id = p.article`,
  links: `SELECT ${KEY} AS a, b.article_id || ' ' || b.content_hash AS b, l.jaccard, l.near_duplicate
      FROM reuse_links l JOIN articles a ON a.id = l.a JOIN articles b ON b.id = l.b`,
  passages: `SELECT ${KEY} AS a, b.article_id || ' ' || b.content_hash AS b, p.a_start, p.a_end, p.b_start, p.b_end,
      p.similarity FROM reuse_passages p JOIN reuse_links l ON l.id = p.link
      JOIN articles a ON a.id = l.a JOIN articles b ON b.id = l.b`,
};

export function dumpStore(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const dump: Record<string, string[]> = {};
    for (const [table, sql] of Object.entries(QUERIES)) {
      dump[table] = (db.prepare(sql).all() as Record<string, unknown>[])
        .map((row) => JSON.stringify(withoutTimings(row)))
        .sort();
    }
    return dump;
  } finally {
    db.close();
  }
}

function withoutTimings(row: Record<string, unknown>): Record<string, unknown> {
  if (typeof row.report_json !== 'string') return row;
  const head = JSON.parse(row.report_json) as { analysers: { ms?: number }[] };
  for (const analyser of head.analysers) delete analyser.ms;
  return { ...row, report_json: head };
}
