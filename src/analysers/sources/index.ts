import type { Article, Paragraph } from '../../article/article.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Finding, Span } from '../../pipeline/finding.ts';
import { quoteLexicon } from '../quotes/lexicon.ts';
import { fold, type SourceGazetteer, sourceGazetteer } from './gazetteer.ts';

export const SOURCES_ANALYSER = 'sources';

/** How near a reporting cue must stand to a name for it to count as cited (`selon le Kremlin`, `Reuters reported`). */
const CITE_BEFORE = 50;
const CITE_AFTER = 40;

type Kind = 'agency' | 'outlet' | 'institution' | 'role' | 'photo' | 'vague' | 'empty' | 'unspecific';

interface Hit {
  kind: Kind;
  start: number;
  end: number;
  evidence: string;
}

/**
 * Sources: agencies, outlets and institutions the article cites, photo credits, and source
 * references that name no one (`experts say`, `selon des sources`) or nothing at all (`Source :`).
 */
export const sourcesAnalyser: Analyser = {
  name: SOURCES_ANALYSER,
  version: '1.0.0',
  description: 'Cited agencies, outlets and institutions; photo credits; vague and empty source references.',
  analyse(article) {
    const gazetteer = sourceGazetteer(article.language.code);
    const findings: Finding[] = [];
    for (const para of article.paragraphs) {
      for (const hit of paragraphHits(article, para, gazetteer)) findings.push(toFinding(article, para, hit));
    }
    return findings;
  },
};

function paragraphHits(article: Article, para: Paragraph, gazetteer: SourceGazetteer): Hit[] {
  const { text } = para;
  const hits: Hit[] = [];
  const photos = outermost(matches(text, gazetteer.photoCredits, 'photo', 'photo-credit'));
  hits.push(...photos);
  const empty = matches(text, gazetteer.emptyLabel ? [gazetteer.emptyLabel] : [], 'empty', 'source-label-without-source');
  const unspecific = matches(
    text,
    gazetteer.unspecificLabel ? [gazetteer.unspecificLabel] : [],
    'unspecific',
    'source-label-unspecific',
  );
  hits.push(...empty, ...unspecific);
  if (gazetteer.vague) hits.push(...matches(text, [gazetteer.vague], 'vague', 'vague-phrase'));

  const cues = citingCues(text, article.language.code);
  const named: Hit[] = [];
  gazetteer.names.lastIndex = 0;
  for (let m = gazetteer.names.exec(text); m; m = gazetteer.names.exec(text)) {
    const kind = gazetteer.nameKind.get(fold(m[0].replace(/[\s\u00a0]+/g, ' '))) ?? 'institution';
    named.push({ kind, start: m.index, end: m.index + m[0].length, evidence: `gazetteer:${kind}` });
  }
  if (gazetteer.institutions) named.push(...matches(text, [gazetteer.institutions], 'institution', 'institution-pattern'));
  if (gazetteer.roles) named.push(...matches(text, [gazetteer.roles], 'role', 'role-pattern'));
  for (const hit of outermost(named)) {
    if (photos.some((p) => p.start <= hit.start && hit.end <= p.end)) continue;
    // An institution merely mentioned is an actor, not a source: it must be cited.
    if (hit.kind === 'institution' && !isCited(text, hit, cues)) continue;
    hits.push({ ...hit, evidence: isCited(text, hit, cues) ? `${hit.evidence}+cited` : hit.evidence });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Hits of the given patterns on a paragraph, offsets relative to the paragraph. */
function matches(text: string, patterns: readonly RegExp[], kind: Kind, evidence: string): Hit[] {
  const hits: Hit[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      hits.push({ kind, start: m.index, end: m.index + m[0].length, evidence });
    }
  }
  return hits.map(trimEnd(text));
}

/** Drops trailing spaces and punctuation a pattern may have swallowed (an empty label keeps its colon). */
function trimEnd(text: string): (hit: Hit) => Hit {
  return (hit) => {
    const strip = hit.kind === 'empty' ? /[\s\u00a0.…-]/ : /[\s\u00a0.,;:…-]/;
    let end = hit.end;
    while (end > hit.start && strip.test(text[end - 1]!)) end--;
    return { ...hit, end };
  };
}

/** Keeps the longest of overlapping name hits. */
function outermost(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const hit of sorted) {
    const last = kept.at(-1);
    if (last && hit.start < last.end) continue;
    kept.push(hit);
  }
  return kept;
}

/** Offsets (relative to the paragraph) of reporting cues: verbs of saying and `according to`-type words. */
function citingCues(text: string, lang: string): Span[] {
  const lexicon = quoteLexicon(lang);
  if (!lexicon) return [];
  const cues: Span[] = [];
  const pattern = lexicon.cuePattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) cues.push({ start: m.index, end: m.index + m[0].length });
  return cues;
}

function isCited(text: string, hit: Hit, cues: readonly Span[]): boolean {
  // `(AFP)`, `AFP —`: an agency slug in brackets or at a paragraph's start is a dateline credit.
  if (hit.kind === 'agency' && (/\(\s*$/.test(text.slice(0, hit.start)) || hit.start === 0)) return true;
  return cues.some(
    (c) =>
      (c.end <= hit.start && hit.start - c.end <= CITE_BEFORE && !/[.!?]\s/.test(text.slice(c.end, hit.start))) ||
      (c.start >= hit.end && c.start - hit.end <= CITE_AFTER && !/[.!?]\s/.test(text.slice(hit.end, c.start))),
  );
}

const LABELS: Record<Kind, string> = {
  agency: 'cited-source',
  outlet: 'cited-source',
  institution: 'cited-source',
  role: 'cited-source',
  photo: 'photo-credit',
  vague: 'vague-source',
  unspecific: 'vague-source',
  empty: 'empty-source',
};

function toFinding(article: Article, para: Paragraph, hit: Hit): Finding {
  const span = { start: para.start + hit.start, end: para.start + hit.end };
  const cited = hit.evidence.endsWith('+cited');
  return {
    analyser: SOURCES_ANALYSER,
    label: LABELS[hit.kind],
    score: hit.kind === 'institution' || cited || hit.kind === 'photo' || hit.kind === 'empty' ? 0.9 : 0.7,
    paragraph: para.index,
    span,
    evidence: [{ feature: hit.evidence, span }],
    attributes: { kind: hit.kind, name: article.text.slice(span.start, span.end), cited },
  };
}
