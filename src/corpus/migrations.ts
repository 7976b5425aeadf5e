/**
 * The store's schema, as ordered migrations. `PRAGMA user_version` records how many have been
 * applied; opening a store applies the missing ones in one transaction each. Never edit a
 * migration that shipped: add a new one.
 */
import type { Database } from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: articles, their paragraphs and findings, runs, failures, full-text search.
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL DEFAULT 'running',   -- running | done | interrupted
    tool_version TEXT NOT NULL,
    analysers TEXT NOT NULL,                  -- JSON [{name, version}]
    options TEXT NOT NULL,                    -- JSON
    inputs TEXT NOT NULL,                     -- JSON [path]
    analysed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,                 -- file name without .txt, or the corpus record id
    content_hash TEXT NOT NULL,               -- sha256 of text, hex
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    language TEXT NOT NULL,                   -- ISO 639-1 code or und
    outlet TEXT,
    url TEXT,
    author TEXT,
    published TEXT,
    format TEXT NOT NULL,
    language_json TEXT NOT NULL,              -- the full LanguageGuess
    metadata_json TEXT NOT NULL,              -- the full ArticleMetadata
    analysers_key TEXT NOT NULL,              -- names and versions of the analysers that ran
    report_json TEXT NOT NULL,                -- schema, tool and analysers (with timings) of the Report
    run INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (article_id, content_hash)
  );
  CREATE INDEX articles_by_hash ON articles(content_hash);
  CREATE INDEX articles_by_outlet ON articles(outlet);
  CREATE INDEX articles_by_published ON articles(published);

  CREATE TABLE paragraphs (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    line INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (article, idx)
  ) WITHOUT ROWID;

  CREATE TABLE findings (
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                     -- position in the Report's findings
    analyser TEXT NOT NULL,
    label TEXT NOT NULL,
    score REAL NOT NULL,
    paragraph INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    evidence TEXT,                            -- JSON Evidence[]
    attributes TEXT,                          -- JSON object
    PRIMARY KEY (article, seq)
  ) WITHOUT ROWID;
  CREATE INDEX findings_by_label ON findings(analyser, label);

  CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    error TEXT NOT NULL,
    run INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (source, error)
  );

  CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
  END;
  CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  END;
  `,
  // 2: the reused-text index (MinHash bands, winnowed fingerprints) and the links it found.
  `
  CREATE TABLE reuse_sketches (
    article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,                -- number of distinct word shingles
    signature BLOB NOT NULL                   -- MinHash signature, little-endian uint32s
  );
  CREATE TABLE reuse_bands (
    hash INTEGER NOT NULL,                    -- band number and band values hashed together
    article INTEGER NOT NULL,
    PRIMARY KEY (hash, article)
  ) WITHOUT ROWID;
  CREATE TABLE reuse_prints (
    hash INTEGER NOT NULL,                    -- winnowed shingle hash
    article INTEGER NOT NULL,
    PRIMARY KEY (hash, article)
  ) WITHOUT ROWID;
  CREATE TABLE reuse_links (
    id INTEGER PRIMARY KEY,
    a INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    jaccard REAL NOT NULL,                    -- of the two articles' shingle sets
    near_duplicate INTEGER NOT NULL,          -- 1 when jaccard passes the near-duplicate threshold
    UNIQUE (a, b)
  );
  CREATE INDEX reuse_links_by_b ON reuse_links(b);
  CREATE TABLE reuse_passages (
    link INTEGER NOT NULL REFERENCES reuse_links(id) ON DELETE CASCADE,
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    similarity REAL NOT NULL,                 -- share of the passage's words found on both sides
    PRIMARY KEY (link, a_start)
  ) WITHOUT ROWID;
  `,
  // 3: what the statistics and the article list read, kept up to date by the writer
  // (summary.ts): one summary row per article (its groups, genre and counts) and running totals
  // per group, so reading them costs the number of groups, not of findings. Existing articles are
  // summarised here with the same definitions as summary.ts (a test holds the two together); a
  // unary + keeps per-article lookups on the findings primary key.
  `
  CREATE TABLE article_summary (
    article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    published TEXT,
    language TEXT NOT NULL,
    outlet TEXT,
    month TEXT,                               -- YYYY-MM of an ISO-like published, else NULL
    genre TEXT,                               -- the predicted genre, NULL without one
    genre_score REAL,
    paragraphs INTEGER NOT NULL,
    techniques INTEGER NOT NULL,              -- number of technique findings
    frames TEXT NOT NULL                      -- JSON: the three strongest frames
  );
  -- The article list's order (newest first, then id) within each filter.
  CREATE INDEX article_summary_by_date ON article_summary(published DESC, article_id, article);
  CREATE INDEX article_summary_by_language ON article_summary(language, published DESC, article_id, article);
  CREATE INDEX article_summary_by_outlet ON article_summary(outlet, published DESC, article_id, article);
  CREATE INDEX article_summary_by_genre ON article_summary(genre, published DESC, article_id, article);

  -- The groups an article counts in, one row per grouping of spinlens stats --by (and 'all').
  CREATE VIEW article_groups (article, dim, key) AS
    SELECT article, 'all', 'all' FROM article_summary
    UNION ALL SELECT article, 'outlet', coalesce(nullif(outlet, ''), '(none)') FROM article_summary
    UNION ALL SELECT article, 'language', language FROM article_summary
    UNION ALL SELECT article, 'month', coalesce(month, '(none)') FROM article_summary
    UNION ALL SELECT article, 'genre', coalesce(genre, '(none)') FROM article_summary;

  -- Running totals per group: articles and paragraphs, label counts, evidence term counts.
  CREATE TABLE stats_groups (
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    articles INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    PRIMARY KEY (dim, key)
  ) WITHOUT ROWID;
  CREATE TABLE stats_labels (
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    analyser TEXT NOT NULL,                   -- genre (the predicted genre), frames, techniques
    label TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (dim, key, analyser, label)
  ) WITHOUT ROWID;
  CREATE TABLE stats_terms (
    dim TEXT NOT NULL,
    key TEXT NOT NULL,
    analyser TEXT NOT NULL,                   -- frames, techniques
    label TEXT NOT NULL,
    term TEXT NOT NULL,                       -- lower-cased evidence feature pinned to words
    count INTEGER NOT NULL,
    PRIMARY KEY (dim, key, analyser, label, term)
  ) WITHOUT ROWID;

  INSERT INTO article_summary
  SELECT a.id, a.article_id, a.published, a.language, a.outlet,
    CASE WHEN a.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(a.published, 1, 7) END,
    g.label, g.score,
    (SELECT count(*) FROM paragraphs p WHERE p.article = a.id),
    (SELECT count(*) FROM findings t WHERE t.article = a.id AND +t.analyser = 'techniques'),
    (SELECT json_group_array(label) FROM (SELECT f.label FROM findings f
       WHERE f.article = a.id AND +f.analyser = 'frames' ORDER BY f.score DESC, f.label LIMIT 3))
  FROM articles a LEFT JOIN findings g ON g.article = a.id AND g.seq = (
    SELECT g1.seq FROM findings g1 WHERE g1.article = a.id AND +g1.analyser = 'genre'
      AND g1.paragraph IS NULL AND g1.label IN ('opinion', 'reporting', 'satire')
      AND json_extract(g1.attributes, '$.predicted') = 1
    ORDER BY g1.score DESC, g1.label LIMIT 1);

  INSERT INTO stats_groups SELECT g.dim, g.key, count(*), sum(s.paragraphs)
    FROM article_groups g JOIN article_summary s ON s.article = g.article GROUP BY g.dim, g.key;
  INSERT INTO stats_labels SELECT g.dim, g.key, l.analyser, l.label, sum(l.count)
    FROM (SELECT article, 'genre' AS analyser, genre AS label, 1 AS count FROM article_summary
            WHERE genre IS NOT NULL
          UNION ALL
          SELECT article, analyser, label, count(*) FROM findings
            WHERE analyser IN ('frames', 'techniques') GROUP BY article, analyser, label) l
    JOIN article_groups g ON g.article = l.article GROUP BY g.dim, g.key, l.analyser, l.label;
  INSERT INTO stats_terms SELECT g.dim, g.key, t.analyser, t.label, t.term, sum(t.count)
    FROM (SELECT f.article, f.analyser, f.label, lower(json_extract(e.value, '$.feature')) AS term,
            count(*) AS count
          FROM findings f, json_each(f.evidence) e
          WHERE f.analyser IN ('frames', 'techniques') AND f.evidence IS NOT NULL
            AND instr(json_extract(e.value, '$.feature'), ':') > 0
          GROUP BY f.article, f.analyser, f.label, term) t
    JOIN article_groups g ON g.article = t.article GROUP BY g.dim, g.key, t.analyser, t.label, t.term;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaError extends Error {}

/** Brings the database to the current schema; a newer database than this code knows is refused. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new SchemaError(
      `the store has schema version ${current}, newer than this spinlens knows (${SCHEMA_VERSION}); upgrade spinlens`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
