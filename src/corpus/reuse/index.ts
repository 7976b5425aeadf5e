/**
 * The reused-text index, kept in the store: MinHash band keys and winnowed fingerprints in
 * indexed tables, so finding the candidates of a new article costs a few dozen index lookups
 * whatever the size of the corpus. Candidates are verified by aligning the two texts; what
 * survives is stored as a link (Jaccard similarity) with its shared passages (spans on both sides).
 */
import type { Database } from 'better-sqlite3';
import { align } from './align.ts';
import { estimateJaccard, type ReuseSketch } from './sketch.ts';

/** Jaccard similarity of the shingle sets from which two articles count as near-duplicates. */
export const NEAR_DUPLICATE = 0.5;
/** LSH candidates whose signatures agree on fewer slots than this are not worth aligning. */
const MIN_ESTIMATE = 0.3;
/** Fingerprints shared by two articles before their texts are aligned. */
const MIN_SHARED_PRINTS = 2;
/** A fingerprint found in more articles than this is boilerplate, not evidence of reuse. */
const MAX_PRINT_ARTICLES = 50;
/** Candidates aligned per new article, most shared fingerprints first. */
const MAX_CANDIDATES = 50;

export interface ReusePassage {
  /** Span in this article. */
  here: { start: number; end: number };
  /** Span in the other article. */
  there: { start: number; end: number };
  similarity: number;
}

export interface ReuseLink {
  other: { row: number; articleId: string; title: string; source: string; text: string };
  jaccard: number;
  nearDuplicate: boolean;
  passages: ReusePassage[];
}

interface Candidate {
  row: number;
  articleId: string;
  contentHash: string;
  text: string;
}

export class ReuseIndex {
  readonly #s: ReturnType<typeof statements>;

  constructor(db: Database) {
    this.#s = statements(db);
  }

  /**
   * Indexes a new article and links it to the stored articles it shares text with. Runs inside the
   * caller's transaction. Links do not depend on which of two articles came first: the pair is
   * always aligned and stored in the order of (article id, content hash).
   */
  add(row: number, articleId: string, hash: string, text: string, sketch: ReuseSketch): void {
    const candidates = this.#candidates(row, sketch);
    const signature = Buffer.from(
      sketch.signature.buffer,
      sketch.signature.byteOffset,
      sketch.signature.byteLength,
    );
    this.#s.insertSketch.run(row, sketch.shingles, signature);
    for (const key of sketch.bands) this.#s.insertBand.run(key, row);
    for (const print of sketch.prints) this.#s.insertPrint.run(print, row);
    const self: Candidate = { row, articleId, contentHash: hash, text };
    for (const other of candidates) {
      const c = this.#s.candidate.get(other) as Candidate;
      const [a, b] = before(self, c) ? [self, c] : [c, self];
      const alignment = align(a.text, b.text);
      const near = alignment.jaccard >= NEAR_DUPLICATE;
      if (!near && alignment.passages.length === 0) continue;
      const link = this.#s.insertLink.get(a.row, b.row, round(alignment.jaccard), near ? 1 : 0) as
        | { id: number }
        | undefined;
      if (!link) continue;
      for (const p of alignment.passages) {
        this.#s.insertPassage.run(link.id, p.a.start, p.a.end, p.b.start, p.b.end, p.similarity);
      }
    }
  }

  /**
   * The stored articles a text not in the store shares text with (for `analyze --db`), found and
   * verified as `add` would, without writing anything. Spans `here` are in `text`.
   */
  match(text: string, sketch: ReuseSketch): ReuseLink[] {
    const links: ReuseLink[] = [];
    for (const other of this.#candidates(-1, sketch)) {
      const c = this.#s.other.get(other) as ReuseLink['other'];
      const alignment = align(text, c.text);
      const near = alignment.jaccard >= NEAR_DUPLICATE;
      if (!near && alignment.passages.length === 0) continue;
      links.push({
        other: c,
        jaccard: round(alignment.jaccard),
        nearDuplicate: near,
        passages: alignment.passages.map((p) => ({ here: p.a, there: p.b, similarity: p.similarity })),
      });
    }
    return links.sort((x, y) => y.jaccard - x.jaccard || (x.other.articleId < y.other.articleId ? -1 : 1));
  }

  #candidates(row: number, sketch: ReuseSketch): number[] {
    const found = new Set<number>();
    for (const key of sketch.bands) {
      for (const { article } of this.#s.band.all(key) as { article: number }[]) {
        if (article !== row && !found.has(article) && this.#estimate(article, sketch) >= MIN_ESTIMATE) {
          found.add(article);
        }
      }
    }
    const shared = new Map<number, number>();
    for (const print of sketch.prints) {
      const rows = this.#s.print.all(print) as { article: number }[];
      if (rows.length > MAX_PRINT_ARTICLES) continue;
      for (const { article } of rows)
        if (article !== row) shared.set(article, (shared.get(article) ?? 0) + 1);
    }
    const byPrints = [...shared]
      .filter(([article, count]) => count >= MIN_SHARED_PRINTS && !found.has(article))
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .map(([article]) => article);
    return [...found, ...byPrints].slice(0, MAX_CANDIDATES);
  }

  #estimate(article: number, sketch: ReuseSketch): number {
    const stored = this.#s.signature.get(article) as { signature: Buffer } | undefined;
    if (!stored) return 0;
    const copy = new Uint8Array(stored.signature);
    return estimateJaccard(new Uint32Array(copy.buffer), sketch.signature);
  }

  /** Every link of a stored article, from its side: spans `here` are in this article. */
  links(row: number): ReuseLink[] {
    const rows = this.#s.links.all(row, row, row) as {
      id: number;
      a: number;
      jaccard: number;
      nearDuplicate: number;
      otherRow: number;
      articleId: string;
      title: string;
      source: string;
      text: string;
    }[];
    return rows.map((l) => {
      const first = l.a === row;
      const passages = (
        this.#s.passages.all(l.id) as {
          a_start: number;
          a_end: number;
          b_start: number;
          b_end: number;
          similarity: number;
        }[]
      ).map((p) => {
        const a = { start: p.a_start, end: p.a_end };
        const b = { start: p.b_start, end: p.b_end };
        return { here: first ? a : b, there: first ? b : a, similarity: p.similarity };
      });
      passages.sort((x, y) => x.here.start - y.here.start);
      return {
        other: { row: l.otherRow, articleId: l.articleId, title: l.title, source: l.source, text: l.text },
        jaccard: l.jaccard,
        nearDuplicate: l.nearDuplicate === 1,
        passages,
      };
    });
  }
}

function before(x: Candidate, y: Candidate): boolean {
  if (x.articleId !== y.articleId) return x.articleId < y.articleId;
  return x.contentHash < y.contentHash;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function statements(db: Database) {
  return {
    insertSketch: db.prepare(`INSERT INTO reuse_sketches (article, shingles, signature) VALUES (?, ?, ?)`),
    insertBand: db.prepare(`INSERT OR IGNORE INTO reuse_bands (hash, article) VALUES (?, ?)`),
    insertPrint: db.prepare(`INSERT OR IGNORE INTO reuse_prints (hash, article) VALUES (?, ?)`),
    band: db.prepare(`SELECT article FROM reuse_bands WHERE hash = ?`),
    print: db.prepare(`SELECT article FROM reuse_prints WHERE hash = ? LIMIT ${MAX_PRINT_ARTICLES + 1}`),
    signature: db.prepare(`SELECT signature FROM reuse_sketches WHERE article = ?`),
    other: db.prepare(
      `SELECT id AS row, article_id AS articleId, title, source, text FROM articles WHERE id = ?`,
    ),
    candidate: db.prepare(
      `SELECT id AS row, article_id AS articleId, content_hash AS contentHash, text FROM articles WHERE id = ?`,
    ),
    insertLink: db.prepare(
      `INSERT OR IGNORE INTO reuse_links (a, b, jaccard, near_duplicate) VALUES (?, ?, ?, ?) RETURNING id`,
    ),
    insertPassage: db.prepare(
      `INSERT OR IGNORE INTO reuse_passages (link, a_start, a_end, b_start, b_end, similarity) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    links: db.prepare(
      `SELECT l.id, l.a, l.b, l.jaccard, l.near_duplicate AS nearDuplicate,
         o.id AS otherRow, o.article_id AS articleId, o.title, o.source, o.text
       FROM reuse_links l JOIN articles o ON o.id = CASE WHEN l.a = ? THEN l.b ELSE l.a END
       WHERE l.a = ? OR l.b = ? ORDER BY l.jaccard DESC, o.article_id`,
    ),
    passages: db.prepare(
      `SELECT a_start, a_end, b_start, b_end, similarity FROM reuse_passages WHERE link = ? ORDER BY a_start`,
    ),
  };
}
