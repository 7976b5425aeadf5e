/**
 * Structural validator for `spinlens.report/1` (docs/report-schema.md): types, offsets inside
 * the text, spans inside their paragraph, scores in 0..1. Returns the problems found, each as
 * `<path>: <problem>`; an empty list means the value is a valid report.
 */
import { REPORT_SCHEMA } from '../pipeline/report.ts';

type Json = Record<string, unknown>;

const INPUT_FORMATS = new Set(['semeval', 'text', 'html', 'jsonl', 'csv']);
const LANGUAGE_METHODS = new Set(['detected', 'override', 'metadata']);
const PARAGRAPH_KINDS = new Set(['title', 'body']);

export function validateReport(value: unknown): string[] {
  const problems: string[] = [];
  const check = new Checker(problems);
  if (!check.object('report', value)) return problems;
  if (value.schema !== REPORT_SCHEMA) problems.push(`schema: expected "${REPORT_SCHEMA}"`);
  if (check.object('tool', value.tool)) {
    if (value.tool.name !== 'spinlens') problems.push('tool.name: expected "spinlens"');
    check.string('tool.version', value.tool.version);
  }
  const text = validateArticle(check, value.article);
  const analyserNames = validateAnalysers(check, value.analysers);
  if (check.array('findings', value.findings)) {
    const paragraphs =
      check.isObject(value.article) && Array.isArray(value.article.paragraphs)
        ? value.article.paragraphs
        : [];
    value.findings.forEach((finding, i) => {
      validateFinding(check, `findings[${i}]`, finding, text, paragraphs, analyserNames);
    });
  }
  return problems;
}

function validateArticle(check: Checker, article: unknown): string | undefined {
  if (!check.object('article', article)) return undefined;
  check.string('article.id', article.id, true);
  check.string('article.title', article.title);
  const text = check.string('article.text', article.text) ? article.text : undefined;
  if (check.object('article.language', article.language)) {
    const language = article.language;
    if (
      check.string('article.language.code', language.code, true) &&
      !/^([a-z]{2,3}|und)$/.test(language.code)
    ) {
      check.problem('article.language.code', 'expected an ISO 639 code or "und"');
    }
    check.unit('article.language.confidence', language.confidence);
    check.oneOf('article.language.method', language.method, LANGUAGE_METHODS);
    if (
      language.alternatives !== undefined &&
      check.array('article.language.alternatives', language.alternatives)
    ) {
      language.alternatives.forEach((alternative, i) => {
        const path = `article.language.alternatives[${i}]`;
        if (!check.object(path, alternative)) return;
        check.string(`${path}.code`, alternative.code, true);
        check.number(`${path}.score`, alternative.score);
      });
    }
  }
  if (check.object('article.metadata', article.metadata)) {
    const metadata = article.metadata;
    check.oneOf('article.metadata.format', metadata.format, INPUT_FORMATS);
    check.string('article.metadata.source', metadata.source, true);
    for (const key of ['outlet', 'url', 'author', 'published', 'encoding']) {
      if (metadata[key] !== undefined) check.string(`article.metadata.${key}`, metadata[key]);
    }
  }
  if (check.array('article.paragraphs', article.paragraphs)) {
    let previousEnd = 0;
    let previousLine = 0;
    article.paragraphs.forEach((paragraph, i) => {
      const path = `article.paragraphs[${i}]`;
      if (!check.object(path, paragraph)) return;
      if (paragraph.index !== i) check.problem(`${path}.index`, `expected ${i}`);
      if (check.integer(`${path}.line`, paragraph.line, 1)) {
        if (paragraph.line <= previousLine) check.problem(`${path}.line`, 'line numbers must increase');
        previousLine = paragraph.line;
      }
      check.oneOf(`${path}.kind`, paragraph.kind, PARAGRAPH_KINDS);
      if (check.range(path, paragraph, text)) {
        if (paragraph.start < previousEnd) check.problem(`${path}.start`, 'overlaps the previous paragraph');
        previousEnd = paragraph.end;
      }
    });
  }
  return text;
}

function validateAnalysers(check: Checker, analysers: unknown): Set<string> {
  const names = new Set<string>();
  if (!check.array('analysers', analysers)) return names;
  analysers.forEach((analyser, i) => {
    const path = `analysers[${i}]`;
    if (!check.object(path, analyser)) return;
    if (check.string(`${path}.name`, analyser.name, true)) {
      if (names.has(analyser.name)) check.problem(`${path}.name`, `"${analyser.name}" appears twice`);
      names.add(analyser.name);
    }
    check.string(`${path}.version`, analyser.version, true);
    if (check.number(`${path}.ms`, analyser.ms) && analyser.ms < 0) check.problem(`${path}.ms`, 'negative');
  });
  return names;
}

function validateFinding(
  check: Checker,
  path: string,
  finding: unknown,
  text: string | undefined,
  paragraphs: unknown[],
  analysers: Set<string>,
): void {
  if (!check.object(path, finding)) return;
  if (check.string(`${path}.analyser`, finding.analyser, true) && !analysers.has(finding.analyser)) {
    check.problem(`${path}.analyser`, `"${finding.analyser}" is not in the report's analysers`);
  }
  check.string(`${path}.label`, finding.label, true);
  check.unit(`${path}.score`, finding.score);
  let paragraph: Json | undefined;
  if (finding.paragraph !== undefined && check.integer(`${path}.paragraph`, finding.paragraph, 0)) {
    const candidate = paragraphs[finding.paragraph];
    if (check.isObject(candidate)) paragraph = candidate;
    else check.problem(`${path}.paragraph`, `no paragraph ${finding.paragraph}`);
  }
  if (finding.span !== undefined && check.range(`${path}.span`, finding.span, text)) {
    const span = finding.span;
    if (span.start === span.end) check.problem(`${path}.span`, 'empty span');
    if (
      paragraph &&
      typeof paragraph.start === 'number' &&
      typeof paragraph.end === 'number' &&
      (span.start < paragraph.start || span.end > paragraph.end)
    ) {
      check.problem(
        `${path}.span`,
        `[${span.start}, ${span.end}) is not inside paragraph ${finding.paragraph}`,
      );
    }
  }
  if (finding.evidence !== undefined && check.array(`${path}.evidence`, finding.evidence)) {
    finding.evidence.forEach((item, i) => {
      const itemPath = `${path}.evidence[${i}]`;
      if (!check.object(itemPath, item)) return;
      check.string(`${itemPath}.feature`, item.feature, true);
      if (item.weight !== undefined) check.number(`${itemPath}.weight`, item.weight);
      if (item.note !== undefined) check.string(`${itemPath}.note`, item.note);
      if (item.span !== undefined) check.range(`${itemPath}.span`, item.span, text);
    });
  }
  if (finding.attributes !== undefined && check.object(`${path}.attributes`, finding.attributes)) {
    for (const [key, value] of Object.entries(finding.attributes)) {
      const ok =
        value === null ||
        typeof value === 'string' ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value));
      if (!ok)
        check.problem(`${path}.attributes.${key}`, 'expected a string, finite number, boolean or null');
    }
  }
}

/** Type checks that record a problem and narrow the value when it passes. */
class Checker {
  constructor(private readonly problems: string[]) {}

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  isObject(value: unknown): value is Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  object(path: string, value: unknown): value is Json {
    if (this.isObject(value)) return true;
    this.problem(path, 'expected an object');
    return false;
  }

  array(path: string, value: unknown): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.problem(path, 'expected an array');
    return false;
  }

  string(path: string, value: unknown, nonEmpty = false): value is string {
    if (typeof value !== 'string') this.problem(path, 'expected a string');
    else if (nonEmpty && value === '') this.problem(path, 'must not be empty');
    else return true;
    return false;
  }

  number(path: string, value: unknown): value is number {
    if (typeof value === 'number' && Number.isFinite(value)) return true;
    this.problem(path, 'expected a finite number');
    return false;
  }

  integer(path: string, value: unknown, min: number): value is number {
    if (Number.isInteger(value) && (value as number) >= min) return true;
    this.problem(path, `expected an integer ≥ ${min}`);
    return false;
  }

  unit(path: string, value: unknown): value is number {
    if (!this.number(path, value)) return false;
    if (value >= 0 && value <= 1) return true;
    this.problem(path, `${value} is outside 0..1`);
    return false;
  }

  oneOf(path: string, value: unknown, allowed: Set<string>): boolean {
    if (typeof value === 'string' && allowed.has(value)) return true;
    this.problem(path, `expected one of ${[...allowed].join(', ')}`);
    return false;
  }

  /** `{start, end}` integers with 0 ≤ start ≤ end ≤ text length. */
  range(path: string, value: unknown, text: string | undefined): value is { start: number; end: number } {
    if (!this.object(path, value)) return false;
    const startOk = this.integer(`${path}.start`, value.start, 0);
    const endOk = this.integer(`${path}.end`, value.end, 0);
    if (!startOk || !endOk) return false;
    const { start, end } = value as { start: number; end: number };
    if (start > end) {
      this.problem(path, `start ${start} is after end ${end}`);
      return false;
    }
    if (text !== undefined && end > text.length) {
      this.problem(path, `end ${end} is beyond the text (${text.length} characters)`);
      return false;
    }
    return true;
  }
}
