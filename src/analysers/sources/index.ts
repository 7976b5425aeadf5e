import type { Article, Paragraph } from '../../article/article.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Finding } from '../../pipeline/finding.ts';
import {
  type Cue,
  findCueMatches,
  normaliseCue,
  type QuoteLexicon,
  quoteLexicon,
} from '../quotes/lexicon.ts';
import { speakerAfter, speakerBefore } from '../quotes/speaker.ts';
import { fold, type HintedPatterns, type SourceGazetteer, sourceGazetteer } from './gazetteer.ts';

export const SOURCES_ANALYSER = 'sources';

/**
 * A name is cited when a reporting cue stands right before it (`selon le Kremlin`, `told Reuters`,
 * `a rapporté l’AFP`: only a determiner between) or shortly after it with no punctuation between
 * (`Reuters reported`, `the White House said on Monday`).
 */
const CITE_BEFORE = /^[\s\u00a0]*(?:\p{L}{1,4}['’]?[\s\u00a0]*)?$/u;
const CITE_AFTER = /^[\s\u00a0\p{L}'’-]{0,25}$/u;

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
  const empty = matches(
    text,
    gazetteer.emptyLabel ? [gazetteer.emptyLabel] : [],
    'empty',
    'source-label-without-source',
  );
  const unspecific = matches(
    text,
    gazetteer.unspecificLabel ? [gazetteer.unspecificLabel] : [],
    'unspecific',
    'source-label-unspecific',
  );
  hits.push(...empty, ...unspecific);
  const lexicon = quoteLexicon(article.language.code);
  const cues = lexicon ? findCueMatches(lexicon, text) : [];
  for (const m of gazetteer.vague.findAll(text)) {
    const hit = withoutArticle(text, { kind: 'vague', ...m, evidence: 'vague-phrase' }, gazetteer);
    hits.push({ ...hit, end: complementEnd(text, hit.end, cues) });
  }
  const named: Hit[] = [];
  for (const m of gazetteer.names.findAll(text)) {
    const kind = gazetteer.nameKind.get(fold(m.text.replace(/[\s\u00a0]+/g, ' '))) ?? 'institution';
    named.push({ kind, start: m.start, end: m.end, evidence: `gazetteer:${kind}` });
  }
  named.push(...matches(text, gazetteer.institutions, 'institution', 'institution-pattern'));
  named.push(...matches(text, gazetteer.roles, 'role', 'role-pattern'));
  const kept = outermost(named);
  // `according to the national weather service`: whoever an attribution preposition names is a source,
  // unless the gazetteers already named it or the phrase is vague (`selon des sources`).
  for (const hit of lexicon ? attributionPhrases(text, cues, lexicon) : []) {
    if (!overlapsAny(hit, kept) && !overlapsAny(hit, hits)) kept.push(hit);
  }
  for (const found of kept.sort((a, b) => a.start - b.start)) {
    if (photos.some((p) => p.start <= found.start && found.end <= p.end)) continue;
    const hit = withoutArticle(text, found, gazetteer);
    const cited = hit.evidence.endsWith('+cited') || isCited(text, hit, cues, lexicon);
    // An institution merely mentioned is an actor, not a source: it must be cited.
    if (hit.kind === 'institution' && !cited) continue;
    hits.push({
      ...hit,
      evidence: cited && !hit.evidence.endsWith('+cited') ? `${hit.evidence}+cited` : hit.evidence,
    });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** A phrase cut after its head (`sources proches`, `people familiar with`) and the words that complete it. */
const OPEN_END = /(?:\b(?:to|with|of)|proches?|familiers?|близкие к|zbliżone do)$/iu;
const COMPLEMENT =
  /^[\s\u00a0]+(?:(?:du|de la|de l['’]|des|d['’]|de|the|a|an)[\s\u00a0]*)?[\p{L}-]+(?:[\s\u00a0]+\p{Ll}[\p{L}-]*){0,2}/u;

/** The end of a vague phrase with its complement (`sources proches du dossier`), not past a cue. */
function complementEnd(text: string, end: number, cues: readonly Cue[]): number {
  if (!OPEN_END.test(text.slice(Math.max(0, end - 12), end))) return end;
  const m = COMPLEMENT.exec(text.slice(end, end + 60));
  if (!m) return end;
  const cue = cues.find((c) => c.start >= end && c.start < end + m[0].length);
  const stop = cue ? cue.start : end + m[0].length;
  return end + text.slice(end, stop).trimEnd().length;
}

/** A cited name without its leading article (`le parquet` → `parquet`, `the Interior Ministry`). */
function withoutArticle(text: string, hit: Hit, gazetteer: SourceGazetteer): Hit {
  // A gazetteer name keeps the article it is known by (`Le Monde`).
  if (hit.evidence.startsWith('gazetteer:')) return hit;
  const article = gazetteer.article?.exec(text.slice(hit.start, hit.end));
  return article && article[0].length < hit.end - hit.start
    ? { ...hit, start: hit.start + article[0].length }
    : hit;
}

/** Hits of the given patterns on a paragraph, offsets relative to the paragraph. */
function matches(text: string, set: HintedPatterns | readonly RegExp[], kind: Kind, evidence: string): Hit[] {
  const hits: Hit[] = [];
  const patterns = 'hint' in set ? (set.hint.test(text) ? set.patterns : []) : set;
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

function overlapsAny(hit: Hit, others: readonly Hit[]): boolean {
  return others.some((o) => o.start < hit.end && hit.start < o.end);
}

/** Speakers named right after an `according to`-type preposition, up to the next comma or full stop. */
function attributionPhrases(text: string, cues: readonly Cue[], lexicon: QuoteLexicon): Hit[] {
  const hits: Hit[] = [];
  for (const cue of cues) {
    if (cue.kind !== 'prep') continue;
    const from = cue.end;
    const initial = text.slice(0, cue.start).trim() === '' || /[.!?]\s*$/.test(text.slice(0, cue.start));
    // Sentence-initial `According to the national weather service, …`: the source runs to the comma.
    const comma = initial ? /^[\s\u00a0]*([\p{L}\s\u00a0'’-]{2,70}),/u.exec(text.slice(from)) : null;
    const speaker = speakerAfter(text, from, text.length, lexicon);
    if (speaker?.pronoun || (speaker && lexicon.selfPronouns.has(normaliseCue(speaker.text)))) continue;
    const start = comma ? from + comma[0].indexOf(comma[1]!) : speaker?.start;
    const end = comma ? from + comma[0].length - 1 : speaker?.end;
    if (
      start === undefined ||
      end === undefined ||
      lexicon.selfPronouns.has(normaliseCue(text.slice(start, end)))
    )
      continue;
    // A person's name is a speaker (the quotes analyser lists them), not a source.
    if (/^\p{Lu}\p{Ll}+(?:[\s\u00a0]+\p{Lu}[\p{Ll}'’-]+)+$/u.test(text.slice(start, end))) continue;
    hits.push({
      kind: 'institution',
      start,
      end: start + text.slice(start, end).trimEnd().length,
      evidence: 'attribution-phrase+cited',
    });
  }
  return hits;
}

function isCited(text: string, hit: Hit, cues: readonly Cue[], lexicon: QuoteLexicon | null): boolean {
  // `(AFP)`, `AFP —`: an agency slug in brackets or at a paragraph's start is a dateline credit.
  if (hit.kind === 'agency' && (/\(\s*$/.test(text.slice(0, hit.start)) || hit.start === 0)) return true;
  const covers = (s: { start: number; end: number } | null) =>
    s !== null && s.start <= hit.start && hit.end <= s.end;
  return cues.some((c) => {
    if (c.kind === 'afterQuote' || c.kind === 'lead') return false;
    if (c.end <= hit.start) {
      if (CITE_BEFORE.test(text.slice(c.end, hit.start))) return true;
      // `un conseiller de l’Élysée`: the name inside the speaker phrase that follows the cue.
      return (
        lexicon !== null && hit.start - c.end <= 60 && covers(speakerAfter(text, c.end, text.length, lexicon))
      );
    }
    if (c.start >= hit.end) {
      if (CITE_AFTER.test(text.slice(hit.end, c.start))) return true;
      return lexicon !== null && c.start - hit.end <= 60 && covers(speakerBefore(text, c.start, 0, lexicon));
    }
    return false;
  });
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
