/**
 * Exports of the store, streamed: each generator yields one line at a time and reads articles a
 * page at a time (keyset pagination in (article id, content hash) order), so memory stays flat
 * whatever the size of the store.
 * - `jsonl`: one full Report per line, the JSON `spinlens analyze --format json` prints;
 * - `csv`: one row per finding, with its paragraph line and the exact words of its span;
 * - SemEval label files built from stored findings: subtask 1 `id<TAB>genre`, subtask 2
 *   `id<TAB>frame,frame`, subtask 3 `id<TAB>line<TAB>tech,tech` on every paragraph line, written
 *   by the same code as `spinlens predict`.
 */
import { semevalRowLines } from '../article/semeval.ts';
import { formatArticleLabels, formatParagraphLabels } from '../eval/semeval-format.ts';
import { FRAMES, type Subtask, TECHNIQUES } from '../learn/labels.ts';
import type { Report } from '../pipeline/report.ts';
import { renderJsonLine } from '../report/json.ts';
import { articleOfReport } from './report-article.ts';
import type { Store } from './store.ts';

/** Articles read per query. */
const PAGE = 500;

export const FINDINGS_CSV_HEADER = [
  'article_id',
  'analyser',
  'label',
  'score',
  'line',
  'span_start',
  'span_end',
  'span_text',
  'attributes',
] as const;

export type FindingsCsvRow = [
  string,
  string,
  string,
  number,
  number | null,
  number | null,
  number | null,
  string | null,
  string | null,
];

interface Page {
  row: number;
  articleId: string;
  contentHash: string;
}

/** Row ids of every stored article, in (article id, content hash) order, a page at a time. */
export function* articleRows(store: Store): Generator<number> {
  const first = store.db.prepare(
    `SELECT id AS row, article_id AS articleId, content_hash AS contentHash FROM articles
     ORDER BY article_id, content_hash LIMIT ${PAGE}`,
  );
  const next = store.db.prepare(
    `SELECT id AS row, article_id AS articleId, content_hash AS contentHash FROM articles
     WHERE (article_id, content_hash) > (?, ?) ORDER BY article_id, content_hash LIMIT ${PAGE}`,
  );
  let page = first.all() as Page[];
  while (page.length > 0) {
    for (const p of page) yield p.row;
    const last = page.at(-1)!;
    page = next.all(last.articleId, last.contentHash) as Page[];
  }
}

/** Every stored Report, one JSON line each. */
export function* exportJsonl(store: Store, reports = storedReports(store)): Generator<string> {
  for (const report of reports) yield renderJsonLine(report);
}

export function* storedReports(store: Store): Generator<Report> {
  for (const row of articleRows(store)) {
    const report = store.report(row);
    if (report) yield report;
  }
}

/** One row per finding, in each article's Report order. */
export function* exportFindings(store: Store): Generator<FindingsCsvRow> {
  const article = store.db.prepare('SELECT article_id, text FROM articles WHERE id = ?');
  const findings = store.db.prepare(
    `SELECT f.analyser, f.label, f.score, p.line, f.span_start, f.span_end, f.attributes
     FROM findings f LEFT JOIN paragraphs p ON p.article = f.article AND p.idx = f.paragraph
     WHERE f.article = ? ORDER BY f.seq`,
  );
  for (const row of articleRows(store)) {
    const a = article.get(row) as { article_id: string; text: string };
    for (const f of findings.all(row) as {
      analyser: string;
      label: string;
      score: number;
      line: number | null;
      span_start: number | null;
      span_end: number | null;
      attributes: string | null;
    }[]) {
      // Offsets are UTF-16 indexes: sliced here, not with SQLite's substr (which counts code points).
      const words =
        f.span_start === null || f.span_end === null ? null : a.text.slice(f.span_start, f.span_end);
      yield [
        a.article_id,
        f.analyser,
        f.label,
        f.score,
        f.line,
        f.span_start,
        f.span_end,
        words,
        f.attributes,
      ];
    }
  }
}

/** Why an article got no SemEval row: the analyser the subtask needs did not run on it (or decided nothing). */
export interface SemevalSkip {
  id: string;
  analyser: string;
}

const ANALYSER_OF: Record<Subtask, string> = { 1: 'genre', 2: 'frames', 3: 'techniques' };

/**
 * SemEval label-file lines for a subtask from stored findings. Articles the subtask's analyser
 * did not run on are reported through `onSkip` instead of getting an empty (wrong) row.
 */
export function* exportSemeval(
  subtask: Subtask,
  reports: Iterable<Report>,
  onSkip: (skip: SemevalSkip) => void = () => undefined,
): Generator<string> {
  const analyser = ANALYSER_OF[subtask];
  for (const report of reports) {
    const lines = report.analysers.some((a) => a.name === analyser)
      ? semevalLines(subtask, report)
      : undefined;
    if (lines === undefined) onSkip({ id: report.article.id, analyser });
    else yield lines;
  }
}

/**
 * The rows `spinlens predict` writes for one article, here from its findings; undefined for
 * subtask 1 when no genre was decided (no model for the article's language).
 */
export function semevalLines(subtask: Subtask, report: Report): string | undefined {
  const id = report.article.id;
  const of = (label: string) =>
    report.findings.filter((f) => f.analyser === ANALYSER_OF[subtask] && f.label === label);
  if (subtask === 1) {
    const decided = report.findings.find(
      (f) => f.analyser === 'genre' && f.paragraph === undefined && f.attributes?.predicted === true,
    );
    return decided ? formatArticleLabels([{ id, labels: [decided.label] }]) : undefined;
  }
  if (subtask === 2) {
    // In the inventory's order, as the model's heads list them.
    return formatArticleLabels([{ id, labels: FRAMES.filter((frame) => of(frame).length > 0) }]);
  }
  const byParagraph = new Map<number, Set<string>>();
  for (const f of report.findings) {
    if (f.analyser !== 'techniques' || f.paragraph === undefined) continue;
    const set = byParagraph.get(f.paragraph) ?? new Set<string>();
    set.add(f.label);
    byParagraph.set(f.paragraph, set);
  }
  const byLine = new Map(
    report.article.paragraphs.map((p) => [
      p.line,
      TECHNIQUES.filter((t) => byParagraph.get(p.index)?.has(t)) as string[],
    ]),
  );
  return formatParagraphLabels(
    semevalRowLines(articleOfReport(report)).map((line) => ({ id, line, labels: byLine.get(line) ?? [] })),
  );
}
