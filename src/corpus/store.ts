/**
 * The corpus store: one SQLite file (WAL mode) holding articles, their paragraphs and findings,
 * the runs that produced them, the inputs that failed, and the reused-text index. An article is
 * identified by its id and the sha256 of its text; it is analysed again only when the analysers
 * (names or versions) changed. A stored Report comes back exactly as the pipeline built it.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Finding } from '../pipeline/finding.ts';
import { REPORT_SCHEMA, type Report } from '../pipeline/report.ts';
import { TOOL_VERSION } from '../version.ts';
import { DEFAULT_DB } from './defaults.ts';
import { migrate } from './migrations.ts';
import { ReuseIndex } from './reuse/index.ts';
import type { ReuseSketch } from './reuse/sketch.ts';
import { Summaries } from './summary.ts';

export type RunStatus = 'running' | 'done' | 'interrupted';

export interface RunCounts {
  analysed: number;
  skipped: number;
  failed: number;
}

export interface RunInfo {
  analysers: readonly { name: string; version: string }[];
  options: Record<string, unknown>;
  inputs: readonly string[];
}

/** One analysed article ready to be written: its report and, for the reuse index, its sketch. */
export interface AnalysedItem {
  report: Report;
  sketch?: ReuseSketch;
}

export interface StoredArticle {
  row: number;
  articleId: string;
  contentHash: string;
  source: string;
  title: string;
  language: string;
  outlet: string | null;
  published: string | null;
}

interface ArticleRow {
  id: number;
  article_id: string;
  content_hash: string;
  source: string;
  title: string;
  text: string;
  language: string;
  outlet: string | null;
  published: string | null;
  language_json: string;
  metadata_json: string;
  report_json: string;
}

interface FindingRow {
  analyser: string;
  label: string;
  score: number;
  paragraph: number | null;
  span_start: number | null;
  span_end: number | null;
  evidence: string | null;
  attributes: string | null;
}

interface ParagraphRow {
  idx: number;
  line: number;
  kind: 'title' | 'body';
  start: number;
  end: number;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Names and versions of a set of analysers, order-free: the key that decides re-analysis. */
export function analysersKey(analysers: readonly { name: string; version: string }[]): string {
  return analysers
    .map((a) => `${a.name}@${a.version}`)
    .sort()
    .join(';');
}

export class Store {
  readonly db: Database.Database;
  readonly reuse: ReuseIndex;
  readonly #summaries: Summaries;
  readonly #statements;

  /** Opens (creating unless `mustExist`) and migrates the store at `path`. */
  constructor(path: string = DEFAULT_DB, options: { mustExist?: boolean } = {}) {
    this.db = new Database(path, { fileMustExist: options.mustExist === true });
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a power cut may lose the last transactions, never corrupt the file.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    this.reuse = new ReuseIndex(this.db);
    this.#summaries = new Summaries(this.db);
    const db = this.db;
    this.#statements = {
      startRun: db.prepare(
        `INSERT INTO runs (started, tool_version, analysers, options, inputs) VALUES (?, ?, ?, ?, ?)`,
      ),
      finishRun: db.prepare(
        `UPDATE runs SET finished = ?, status = ?, analysed = ?, skipped = ?, failed = ? WHERE id = ?`,
      ),
      countRun: db.prepare(`UPDATE runs SET analysed = ?, skipped = ?, failed = ? WHERE id = ?`),
      lookup: db.prepare(`SELECT id, analysers_key FROM articles WHERE article_id = ? AND content_hash = ?`),
      insertArticle: db.prepare(
        `INSERT INTO articles (article_id, content_hash, source, title, text, language, outlet, url, author,
           published, format, language_json, metadata_json, analysers_key, report_json, run)
         VALUES (@article_id, @content_hash, @source, @title, @text, @language, @outlet, @url, @author,
           @published, @format, @language_json, @metadata_json, @analysers_key, @report_json, @run)`,
      ),
      updateArticle: db.prepare(
        `UPDATE articles SET source = @source, language = @language, outlet = @outlet, url = @url,
           author = @author, published = @published, format = @format, language_json = @language_json,
           metadata_json = @metadata_json, analysers_key = @analysers_key, report_json = @report_json,
           run = @run
         WHERE id = @id`,
      ),
      deleteParagraphs: db.prepare(`DELETE FROM paragraphs WHERE article = ?`),
      deleteFindings: db.prepare(`DELETE FROM findings WHERE article = ?`),
      insertParagraph: db.prepare(
        `INSERT INTO paragraphs (article, idx, line, kind, start, end) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertFinding: db.prepare(
        `INSERT INTO findings (article, seq, analyser, label, score, paragraph, span_start, span_end,
           evidence, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFailure: db.prepare(
        `INSERT INTO failures (source, error, run) VALUES (?, ?, ?)
         ON CONFLICT (source, error) DO UPDATE SET run = excluded.run`,
      ),
      clearFailures: db.prepare(`DELETE FROM failures WHERE source = ?`),
      articleRow: db.prepare(`SELECT * FROM articles WHERE id = ?`),
      articlesById: db.prepare(
        `SELECT id AS row, article_id AS articleId, content_hash AS contentHash, source, title, language,
           outlet, published FROM articles WHERE article_id = ? ORDER BY id`,
      ),
      paragraphs: db.prepare(
        `SELECT idx, line, kind, start, end FROM paragraphs WHERE article = ? ORDER BY idx`,
      ),
      findings: db.prepare(
        `SELECT analyser, label, score, paragraph, span_start, span_end, evidence, attributes
         FROM findings WHERE article = ? ORDER BY seq`,
      ),
    };
  }

  close(): void {
    this.db.close();
  }

  startRun(info: RunInfo): number {
    const result = this.#statements.startRun.run(
      new Date().toISOString(),
      TOOL_VERSION,
      JSON.stringify(info.analysers.map(({ name, version }) => ({ name, version }))),
      JSON.stringify(info.options),
      JSON.stringify(info.inputs),
    );
    return Number(result.lastInsertRowid);
  }

  finishRun(run: number, status: RunStatus, counts: RunCounts): void {
    this.#statements.finishRun.run(
      new Date().toISOString(),
      status,
      counts.analysed,
      counts.skipped,
      counts.failed,
      run,
    );
  }

  /** Whether this text under this id was already analysed by exactly these analysers. */
  isDone(articleId: string, hash: string, key: string): boolean {
    const row = this.#statements.lookup.get(articleId, hash) as { analysers_key: string } | undefined;
    return row?.analysers_key === key;
  }

  /**
   * Writes analysed articles and failures in one transaction, with the run's counts so far:
   * after a crash the store holds every earlier batch whole and nothing of this one.
   */
  writeBatch(
    run: number,
    items: readonly AnalysedItem[],
    failures: readonly { source: string; error: string }[],
    counts: RunCounts,
  ): void {
    this.db.transaction(() => {
      for (const item of items) this.#save(run, item);
      for (const failure of failures) this.#statements.insertFailure.run(failure.source, failure.error, run);
      this.#statements.countRun.run(counts.analysed, counts.skipped, counts.failed, run);
    })();
  }

  /** Stores one report (inside the caller's transaction); returns the article's row id. */
  #save(run: number, { report, sketch }: AnalysedItem): number {
    const s = this.#statements;
    const { article } = report;
    const hash = contentHash(article.text);
    const meta = article.metadata;
    const values = {
      source: meta.source,
      language: article.language.code,
      outlet: meta.outlet ?? null,
      url: meta.url ?? null,
      author: meta.author ?? null,
      published: meta.published ?? null,
      format: meta.format,
      language_json: JSON.stringify(article.language),
      metadata_json: JSON.stringify(meta),
      analysers_key: analysersKey(report.analysers),
      report_json: JSON.stringify({ schema: report.schema, tool: report.tool, analysers: report.analysers }),
      run,
    };
    const existing = s.lookup.get(article.id, hash) as { id: number } | undefined;
    let row: number;
    if (existing) {
      row = existing.id;
      this.#summaries.remove(row);
      s.updateArticle.run({ ...values, id: row });
      s.deleteParagraphs.run(row);
      s.deleteFindings.run(row);
    } else {
      const inserted = s.insertArticle.run({
        ...values,
        article_id: article.id,
        content_hash: hash,
        title: article.title,
        text: article.text,
      });
      row = Number(inserted.lastInsertRowid);
      if (sketch) this.reuse.add(row, article.id, hash, article.text, sketch);
    }
    for (const p of article.paragraphs) s.insertParagraph.run(row, p.index, p.line, p.kind, p.start, p.end);
    report.findings.forEach((f, seq) => {
      s.insertFinding.run(
        row,
        seq,
        f.analyser,
        f.label,
        f.score,
        f.paragraph ?? null,
        f.span?.start ?? null,
        f.span?.end ?? null,
        f.evidence === undefined ? null : JSON.stringify(f.evidence),
        f.attributes === undefined ? null : JSON.stringify(f.attributes),
      );
    });
    this.#summaries.add(row);
    s.clearFailures.run(meta.source);
    return row;
  }

  /** Stored versions of the article with this id (one per distinct text), oldest first. */
  articles(articleId: string): StoredArticle[] {
    return this.#statements.articlesById.all(articleId) as StoredArticle[];
  }

  /** The Report of a stored article, exactly as the pipeline built it. */
  report(row: number): Report | undefined {
    const s = this.#statements;
    const a = s.articleRow.get(row) as ArticleRow | undefined;
    if (!a) return undefined;
    const head = JSON.parse(a.report_json) as Pick<Report, 'schema' | 'tool' | 'analysers'>;
    const paragraphs = (s.paragraphs.all(row) as ParagraphRow[]).map((p) => ({
      index: p.idx,
      line: p.line,
      kind: p.kind,
      start: p.start,
      end: p.end,
    }));
    return {
      schema: head.schema ?? REPORT_SCHEMA,
      tool: head.tool,
      article: {
        id: a.article_id,
        title: a.title,
        language: JSON.parse(a.language_json),
        metadata: JSON.parse(a.metadata_json),
        paragraphs,
        text: a.text,
      },
      analysers: head.analysers,
      findings: (s.findings.all(row) as FindingRow[]).map(toFinding),
    };
  }
}

function toFinding(r: FindingRow): Finding {
  const finding: Finding = { analyser: r.analyser, label: r.label, score: r.score };
  if (r.paragraph !== null) finding.paragraph = r.paragraph;
  if (r.span_start !== null && r.span_end !== null) finding.span = { start: r.span_start, end: r.span_end };
  if (r.evidence !== null) finding.evidence = JSON.parse(r.evidence);
  if (r.attributes !== null) finding.attributes = JSON.parse(r.attributes);
  return finding;
}
