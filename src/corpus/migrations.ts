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
