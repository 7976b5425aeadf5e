/**
 * The article's anatomy as report sections, computed from findings only so the terminal, HTML and
 * web reports show the same content: quotes with their speakers, cited sources, entities with
 * their spellings, a timeline, contradictions and repetitions. Pure: a report in, plain data out.
 */
import type { AttributeValue, Finding, Span } from '../pipeline/finding.ts';
import type { Report } from '../pipeline/report.ts';
import { paragraphOf } from './layout.ts';

/** Where a finding sits: its paragraph's SemEval line number and index, when it has one. */
export interface Place {
  line?: number;
  paragraph?: number;
}

export interface QuoteEntry extends Place {
  kind: 'direct' | 'indirect';
  /** The quoted (or reported) words. */
  text: string;
  span: Span;
  /** Who said it, as the text names them; `null` when unattributed. */
  speaker: string | null;
  /** The reporting verb or preposition (`a déclaré`, `according to`), when there is one. */
  cue: string | null;
  /** A few quoted words rather than a statement (a scare quote, a title). */
  fragment: boolean;
  score: number;
}

export interface SourceName {
  name: string;
  count: number;
  lines: number[];
}

export interface SourcesSection {
  /** Cited sources grouped by kind (agency, outlet, institution, role...), in that order. */
  cited: { kind: string; names: SourceName[] }[];
  photoCredits: ({ text: string } & Place)[];
  /** References naming no one (`experts say`) or nothing (`Source :`). */
  unnamed: ({ label: string; text: string } & Place)[];
}

export interface EntityEntry {
  id: string;
  type: string;
  /** The name the analyser settled on for the cluster. */
  name: string;
  mentions: number;
  /** Distinct written forms, most frequent first (inflections included). */
  forms: { text: string; count: number }[];
  /** The spellings the analyser flagged as inconsistent (`Navalny ×2`), empty when consistent. */
  variants: string[];
  lines: number[];
}

export interface TimelineEntry extends Place {
  text: string;
  span: Span;
  /** Resolved date at its grain (`2025`, `2025-03`, `2025-03-04`), `null` when unresolved. */
  iso: string | null;
  grain: string | null;
  relative: boolean;
  weekday: string | null;
  /** A contradiction finding names this date. */
  flagged: boolean;
}

export interface ContradictionEntry extends Place {
  label: string;
  /** The words the finding points at. */
  text: string;
  rule: string | null;
  score: number;
  /** The rule's explanation, from the finding's evidence notes. */
  summary: string;
  /** Every span involved, with its words and line. */
  spans: ({ text: string; note?: string } & Place)[];
}

export interface RepetitionGroup {
  label: string;
  /** The words of the first occurrence. */
  text: string;
  occurrences: number;
  lines: number[];
  exact: boolean;
}

export interface RepetitionsSection {
  groups: RepetitionGroup[];
  boilerplate: ({ pattern: string; text: string } & Place)[];
}

export interface AnatomySections {
  quotes: QuoteEntry[];
  sources: SourcesSection;
  entities: { type: string; entries: EntityEntry[] }[];
  timeline: { resolved: TimelineEntry[]; unresolved: TimelineEntry[] };
  contradictions: ContradictionEntry[];
  repetitions: RepetitionsSection;
}

/** Analysers whose findings the anatomy sections present (rather than the paragraph notes). */
export const ANATOMY_ANALYSERS: ReadonlySet<string> = new Set([
  'quotes',
  'sources',
  'entities',
  'dates',
  'repetition',
]);

export const SOURCE_KIND_NAMES: Record<string, string> = {
  agency: 'News agencies',
  outlet: 'Outlets',
  institution: 'Institutions',
  role: 'Roles',
};

export const ENTITY_TYPE_NAMES: Record<string, string> = {
  person: 'People',
  organisation: 'Organisations',
  place: 'Places',
};

const CONTRADICTION_LABELS = new Set(['weekday-mismatch', 'date-contradiction']);
const ENTITY_TYPES = ['person', 'organisation', 'place'];
const SOURCE_KINDS = ['agency', 'outlet', 'institution', 'role'];

export function anatomySections(report: Report): AnatomySections {
  const of = (analyser: string) => report.findings.filter((f) => f.analyser === analyser && f.span);
  const dates = of('dates');
  const contradictions = dates.filter((f) => CONTRADICTION_LABELS.has(f.label));
  return {
    quotes: quotes(report, of('quotes')),
    sources: sources(report, of('sources')),
    entities: entities(report, of('entities')),
    timeline: timeline(
      report,
      dates.filter((f) => f.label === 'date'),
      contradictions,
    ),
    contradictions: contradictions.map((f) => contradiction(report, f)),
    repetitions: repetitions(report, of('repetition')),
  };
}

/** True when a section has something to show. */
/** The anatomy sections with something in them, in report order, each with its title. */
export function shownSections(sections: AnatomySections): [keyof AnatomySections, string][] {
  const all: [keyof AnatomySections, string][] = [
    ['quotes', `Quotes (${sections.quotes.length})`],
    ['sources', 'Sources'],
    ['entities', 'People, organisations and places'],
    ['timeline', 'Timeline'],
    ['contradictions', `Contradictions (${sections.contradictions.length})`],
    ['repetitions', 'Repetitions'],
  ];
  return all.filter(([name]) => !isEmptySection(sections, name));
}

export function isEmptySection(sections: AnatomySections, name: keyof AnatomySections): boolean {
  switch (name) {
    case 'sources': {
      const s = sections.sources;
      return s.cited.length === 0 && s.photoCredits.length === 0 && s.unnamed.length === 0;
    }
    case 'timeline':
      return sections.timeline.resolved.length === 0 && sections.timeline.unresolved.length === 0;
    case 'repetitions':
      return sections.repetitions.groups.length === 0 && sections.repetitions.boilerplate.length === 0;
    default:
      return sections[name].length === 0;
  }
}

function placeOf(report: Report, finding: Finding): Place {
  const paragraph = paragraphOf(report, finding);
  return paragraph ? { line: paragraph.line, paragraph: paragraph.index } : {};
}

/** The place of any span (evidence may lie in another paragraph than its finding). */
function placeOfSpan(report: Report, span: Span): Place {
  const paragraph = report.article.paragraphs.find((p) => span.start >= p.start && span.start < p.end);
  return paragraph ? { line: paragraph.line, paragraph: paragraph.index } : {};
}

function words(report: Report, span: Span): string {
  return report.article.text.slice(span.start, span.end);
}

function str(value: AttributeValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function quotes(report: Report, findings: Finding[]): QuoteEntry[] {
  return findings.map((f) => ({
    kind: f.label === 'indirect-quote' ? 'indirect' : 'direct',
    text: words(report, f.span!),
    span: f.span!,
    speaker: str(f.attributes?.speaker),
    cue: str(f.attributes?.cue),
    fragment: f.attributes?.fragment === true,
    score: f.score,
    ...placeOf(report, f),
  }));
}

function sources(report: Report, findings: Finding[]): SourcesSection {
  const byKind = new Map<string, Map<string, SourceName>>();
  const photoCredits: SourcesSection['photoCredits'] = [];
  const unnamed: SourcesSection['unnamed'] = [];
  for (const f of findings) {
    const text = words(report, f.span!);
    const place = placeOf(report, f);
    if (f.label === 'photo-credit') photoCredits.push({ text, ...place });
    else if (f.label === 'vague-source' || f.label === 'empty-source')
      unnamed.push({ label: f.label, text, ...place });
    else {
      const kind = str(f.attributes?.kind) ?? 'other';
      const name = str(f.attributes?.name) ?? text;
      const names = byKind.get(kind) ?? new Map<string, SourceName>();
      const key = name.toLocaleLowerCase();
      const entry = names.get(key) ?? { name, count: 0, lines: [] };
      entry.count++;
      addLine(entry.lines, place.line);
      names.set(key, entry);
      byKind.set(kind, names);
    }
  }
  const kinds = [...byKind.keys()].sort((a, b) => rank(SOURCE_KINDS, a) - rank(SOURCE_KINDS, b));
  return {
    cited: kinds.map((kind) => ({ kind, names: [...byKind.get(kind)!.values()] })),
    photoCredits,
    unnamed,
  };
}

function entities(report: Report, findings: Finding[]): AnatomySections['entities'] {
  const clusters = new Map<string, EntityEntry & { first: number; counts: Map<string, number> }>();
  const variants = new Map<string, string[]>();
  for (const f of findings) {
    const id = String(f.attributes?.entity ?? words(report, f.span!));
    if (f.label === 'spelling-variant') {
      variants.set(id, (str(f.attributes?.variants) ?? '').split(', ').filter(Boolean));
      continue;
    }
    const text = words(report, f.span!);
    let entry = clusters.get(id);
    if (!entry) {
      entry = {
        id,
        type: f.label,
        name: str(f.attributes?.canonical) ?? text,
        mentions: 0,
        forms: [],
        variants: [],
        lines: [],
        first: f.span!.start,
        counts: new Map(),
      };
      clusters.set(id, entry);
    }
    entry.mentions++;
    entry.counts.set(text, (entry.counts.get(text) ?? 0) + 1);
    addLine(entry.lines, placeOf(report, f).line);
  }
  const entries = [...clusters.values()]
    .sort((a, b) => b.mentions - a.mentions || a.first - b.first)
    .map(({ first: _first, counts, ...entry }) => ({
      ...entry,
      forms: [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
      variants: variants.get(entry.id) ?? [],
    }));
  const types = [...new Set(entries.map((e) => e.type))].sort(
    (a, b) => rank(ENTITY_TYPES, a) - rank(ENTITY_TYPES, b),
  );
  return types.map((type) => ({ type, entries: entries.filter((e) => e.type === type) }));
}

function timeline(
  report: Report,
  findings: Finding[],
  contradictions: Finding[],
): AnatomySections['timeline'] {
  const flaggedSpans = contradictions.flatMap((f) => [
    f.span!,
    ...(f.evidence ?? []).flatMap((e) => e.span ?? []),
  ]);
  const entries: TimelineEntry[] = findings.map((f) => ({
    text: words(report, f.span!),
    span: f.span!,
    iso: str(f.attributes?.iso),
    grain: str(f.attributes?.grain),
    relative: f.attributes?.relative === true,
    weekday: str(f.attributes?.weekday),
    flagged: flaggedSpans.some((s) => s.start < f.span!.end && f.span!.start < s.end),
    ...placeOf(report, f),
  }));
  const resolved = entries
    .filter((e) => e.iso !== null)
    .map((e, order) => ({ e, order }))
    // ISO strings of any grain sort in calendar order (`2025` < `2025-03` < `2025-03-04`).
    .sort((a, b) => (a.e.iso! < b.e.iso! ? -1 : a.e.iso! > b.e.iso! ? 1 : a.order - b.order))
    .map(({ e }) => e);
  return { resolved, unresolved: entries.filter((e) => e.iso === null) };
}

function contradiction(report: Report, f: Finding): ContradictionEntry {
  const evidence = f.evidence ?? [];
  const notes = evidence.map((e) => e.note).filter((n): n is string => Boolean(n));
  const spans = evidence
    .filter((e) => e.span)
    .map((e) => ({
      text: words(report, e.span!),
      ...(e.note ? { note: e.note } : {}),
      ...placeOfSpan(report, e.span!),
    }));
  return {
    label: f.label,
    text: words(report, f.span!),
    rule: str(f.attributes?.rule),
    score: f.score,
    summary: notes.join('; '),
    spans: spans.length > 0 ? spans : [{ text: words(report, f.span!), ...placeOf(report, f) }],
    ...placeOf(report, f),
  };
}

function repetitions(report: Report, findings: Finding[]): RepetitionsSection {
  const groups = new Map<string, RepetitionGroup>();
  const seen = new Map<RepetitionGroup, number>();
  const boilerplate: RepetitionsSection['boilerplate'] = [];
  for (const f of findings) {
    const place = placeOf(report, f);
    if (f.label === 'boilerplate') {
      boilerplate.push({
        pattern: str(f.attributes?.pattern) ?? 'boilerplate',
        text: words(report, f.span!),
        ...place,
      });
      continue;
    }
    const key = `${f.label}\u0000${f.attributes?.group ?? f.span!.start}`;
    const group = groups.get(key) ?? {
      label: f.label,
      text: words(report, f.span!),
      occurrences: 0,
      lines: [],
      exact: f.attributes?.exact === true || f.attributes?.similarity === 1,
    };
    // Findings seen, or the count the analyser states when some occurrences were left out.
    const stated = f.attributes?.occurrences;
    seen.set(group, (seen.get(group) ?? 0) + 1);
    group.occurrences = Math.max(seen.get(group)!, typeof stated === 'number' ? stated : 0);
    addLine(group.lines, place.line);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], boilerplate };
}

function addLine(lines: number[], line: number | undefined): void {
  if (line !== undefined && !lines.includes(line)) lines.push(line);
}

function rank(order: string[], value: string): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}
