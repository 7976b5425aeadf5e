/**
 * What statistics and the article list read, kept up to date as articles are written: one
 * `article_summary` row per article (date, language, outlet, month, predicted genre, counts) and
 * running totals per group (`stats_groups`, `stats_labels`, `stats_terms`, one set for each
 * grouping of `spinlens stats --by` and for the whole store). Reading them costs the number of
 * groups and labels, not the number of findings. Migration 3 fills them for existing stores with
 * the same definitions.
 */
import type { Database, Statement } from 'better-sqlite3';

/** `YYYY-MM` of an ISO date or date-time; NULL when `published` is absent or not ISO-like. */
const MONTH = `CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(a.published, 1, 7) END`;

/** The predicted article-level genre: the strongest genre finding whose `predicted` is true. */
const GENRE_SEQ = `SELECT g1.seq FROM findings g1 WHERE g1.article = a.id AND +g1.analyser = 'genre'
  AND g1.paragraph IS NULL AND g1.label IN ('opinion', 'reporting', 'satire')
  AND json_extract(g1.attributes, '$.predicted') = 1
  ORDER BY g1.score DESC, g1.label LIMIT 1`;

const SUMMARY = `INSERT INTO article_summary
  SELECT a.id, a.article_id, a.published, a.language, a.outlet, ${MONTH}, g.label, g.score,
    (SELECT count(*) FROM paragraphs p WHERE p.article = a.id),
    (SELECT count(*) FROM findings t WHERE t.article = a.id AND +t.analyser = 'techniques'),
    (SELECT json_group_array(label) FROM (SELECT f.label FROM findings f
       WHERE f.article = a.id AND +f.analyser = 'frames' ORDER BY f.score DESC, f.label LIMIT 3))
  FROM articles a LEFT JOIN findings g ON g.article = a.id AND g.seq = (${GENRE_SEQ})
  WHERE a.id = :row`;

// A unary + keeps SQLite on the findings primary key (article, seq): without statistics it would
// otherwise pick findings(analyser, label) and read every article's findings.

/** One article's label counts: its predicted genre, and its frame and technique findings. */
const LABELS = `SELECT article, 'genre' AS analyser, genre AS label, 1 AS count FROM article_summary
    WHERE article = :row AND genre IS NOT NULL
  UNION ALL
  SELECT article, analyser, label, count(*) FROM findings
    WHERE article = :row AND +analyser IN ('frames', 'techniques') GROUP BY article, analyser, label`;

/** One article's evidence terms: features pinned to words (`word:…`), not hashed indexes. */
const TERMS = `SELECT f.article, f.analyser, f.label, lower(json_extract(e.value, '$.feature')) AS term,
    count(*) AS count
  FROM findings f, json_each(f.evidence) e
  WHERE f.article = :row AND +f.analyser IN ('frames', 'techniques') AND f.evidence IS NOT NULL
    AND instr(json_extract(e.value, '$.feature'), ':') > 0
  GROUP BY f.article, f.analyser, f.label, term`;

/** Adds (`sign` 1) or takes away (-1) one article's share of every running total. */
const TOTALS = [
  `INSERT INTO stats_groups (dim, key, articles, paragraphs)
   SELECT g.dim, g.key, :sign, :sign * s.paragraphs FROM article_groups g
     JOIN article_summary s ON s.article = g.article WHERE g.article = :row
   ON CONFLICT (dim, key) DO UPDATE SET articles = articles + excluded.articles,
     paragraphs = paragraphs + excluded.paragraphs`,
  `INSERT INTO stats_labels (dim, key, analyser, label, count)
   SELECT g.dim, g.key, l.analyser, l.label, :sign * l.count FROM (${LABELS}) l
     JOIN article_groups g ON g.article = l.article WHERE g.article = :row
   ON CONFLICT (dim, key, analyser, label) DO UPDATE SET count = count + excluded.count`,
  `INSERT INTO stats_terms (dim, key, analyser, label, term, count)
   SELECT g.dim, g.key, t.analyser, t.label, t.term, :sign * t.count FROM (${TERMS}) t
     JOIN article_groups g ON g.article = t.article WHERE g.article = :row
   ON CONFLICT (dim, key, analyser, label, term) DO UPDATE SET count = count + excluded.count`,
];

/**
 * Keeps the summary and the totals in step with the findings, inside the writer's transaction:
 * `remove` before an article's findings are replaced, `add` once they are written. Totals that
 * fall to zero stay as rows with a zero count; readers skip them.
 */
export class Summaries {
  readonly #insert: Statement;
  readonly #delete: Statement;
  readonly #totals: Statement[];

  constructor(db: Database) {
    this.#insert = db.prepare(SUMMARY);
    this.#delete = db.prepare('DELETE FROM article_summary WHERE article = ?');
    this.#totals = TOTALS.map((sql) => db.prepare(sql));
  }

  add(row: number): void {
    this.#insert.run({ row });
    for (const totals of this.#totals) totals.run({ row, sign: 1 });
  }

  remove(row: number): void {
    for (const totals of this.#totals) totals.run({ row, sign: -1 });
    this.#delete.run(row);
  }
}
