import type { Article } from '../../article/article.ts';
import type { Span } from '../../pipeline/finding.ts';
import { type Cue, findCueMatches, normaliseCue, type QuoteLexicon, quoteLexicon } from './lexicon.ts';
import { findMarkedQuotes, type MarkedQuote } from './marks.ts';
import { articleSentences, type Sentence, sentenceAt } from './sentences.ts';
import { type SpeakerMention, speakerAfter, speakerBefore } from './speaker.ts';

/** How a speaker was found. */
export type AttributionVia = 'cue' | 'colon' | 'dash' | 'pronoun' | 'pro-drop' | 'continuation' | 'none';

export interface Speaker {
  text: string;
  start: number;
  end: number;
}

export interface DetectedQuote {
  kind: 'direct' | 'indirect';
  /** The quoted (or reported) words. */
  span: Span;
  paragraph: number;
  lastParagraph: number;
  /** The quotation marks of a direct quote. */
  marks?: MarkedQuote;
  speaker: Speaker | null;
  /** The pronoun the text used when the speaker was resolved through it. */
  pronoun: string | null;
  cue: { text: string; start: number; end: number } | null;
  via: AttributionVia;
}

/** A word, for scanning a described speaker (`the coach`, `le porte-parole`). */
const WORD = /\p{L}[\p{L}'’-]*/gu;
/** A personal name: capitalised words in a row. */
const NAME = /\p{Lu}[\p{L}’'-]+(?:[\s\u00a0]+\p{Lu}[\p{L}’'-]+)+/gu;
const SEPARATORS = /^[\s\u00a0\u202f,–—-]*$/;
/** Two or more capitalised words, short lowercase particles between them (`Piet van der Molen`). */
const FULL_NAME = /^\p{Lu}[\p{L}'’.-]+(?:[\s\u00a0]+(?:\p{Ll}{1,4}[\s\u00a0]+){0,2}\p{Lu}[\p{L}'’-]+)+/u;
/** How far a cue may stand from the quote it introduces or follows. */
const CUE_REACH_AFTER = 60;
const CUE_REACH_BEFORE = 90;
/** What may remain of a sentence after an attribution at its end (`on Tuesday.`, `, Olivier Blanc.`). */
const TAIL = /^[^,;:]{0,40}(?:,[^,;:]{0,40})?$/u;
/** How far the comma closing a sentence-initial attribution (`According to …,`) may stand. */
const LEAD_REACH = 70;
/** An agency dateline opening a paragraph: `PARIS, June 1 (AFP) — `, `ROMA (ANSA) – `. */
const DATELINE =
  /^\p{Lu}[\p{Lu}\s.'’-]{2,}(?:,[^—–\n(]{1,30})?(?:[\s\u00a0]*\([^)\n]{1,30}\))?[\s\u00a0]*[—–-]+[\s\u00a0]*/u;
/** A line of dialogue (`— On verra, a-t-il lancé.`): speech without quotation marks, neither quoted nor reported. */
const DIALOGUE_DASH = /^[—–―][\s\u00a0]/u;
/** Minimum words of reported content for an indirect quote. */
const MIN_CONTENT_WORDS = 3;

/**
 * Finds direct and indirect quotes of an article and attributes them to speakers, in text order
 * so that a pronoun (`he said`, `a-t-elle ajouté`) or a bare verb in pro-drop languages resolves
 * to the last named speaker.
 */
export function detectQuotes(article: Article): DetectedQuote[] {
  const { text } = article;
  const lexicon = quoteLexicon(article.language.code);
  const marked = findMarkedQuotes(text, article.paragraphs);
  const outer = marked.filter((q) => q.depth === 0);
  const sentences = articleSentences(article);
  const cues = lexicon ? findCues(article, lexicon, outer) : [];
  const titles = new Set(article.paragraphs.filter((p) => p.kind === 'title').map((p) => p.index));
  const state = new Attribution(text, lexicon, sentences, cues, titles);

  const found: DetectedQuote[] = [];
  let q = 0;
  let inner = 0;
  const nested = marked.filter((m) => m.depth > 0);
  // Outermost quotes never overlap, so their ends are sorted too: one pointer finds those a sentence overlaps.
  let overlapping = 0;
  for (const sentence of sentences) {
    while (overlapping < outer.length && quoteEnd(outer[overlapping]!) <= sentence.start) overlapping++;
    const inQuote = overlapping < outer.length && outer[overlapping]!.openStart < sentence.end;
    const directs: DetectedQuote[] = [];
    while (q < outer.length && outer[q]!.openStart < sentence.end) {
      directs.push(state.direct(outer[q]!));
      q++;
    }
    found.push(...directs);
    while (inner < nested.length && nested[inner]!.openStart < sentence.end) {
      found.push(unattributedQuote(nested[inner]!));
      inner++;
    }
    if (!lexicon || DIALOGUE_DASH.test(text.slice(sentence.start, sentence.start + 2))) continue;
    const open = outer[overlapping];
    if (!inQuote) found.push(...state.indirect(sentence));
    else if (directs.length === 0 && open && open.openStart < sentence.start) {
      // `« … voisines. » Selon lui, …`: the segmenter may leave a closing mark at the start of the next sentence.
      const rest = open.closeEnd ?? sentence.end;
      const next = outer[overlapping + 1];
      if (rest < sentence.end && !(next && next.openStart < sentence.end))
        found.push(...state.indirect({ ...sentence, start: skip(text, rest, /[\s\u00a0\u202f]/) }));
    } else if (directs.length > 0 && state.hasCue(sentence.start, directs[0]!.marks!.openStart))
      found.push(...embeddingClauses(text, state.indirect(sentence), directs, sentence, lexicon));
  }
  for (; q < outer.length; q++) found.push(state.direct(outer[q]!));
  for (; inner < nested.length; inner++) found.push(unattributedQuote(nested[inner]!));
  return found
    .filter((quote) => !isScareQuote(text, quote, sentences, cues, lexicon))
    .sort((a, b) => a.span.start - b.span.start);
}

/**
 * Reported clauses that embed the sentence's quoted words (`a annoncé qu’il ferait appel « dans
 * les prochains jours »`, `said its forces had struck “military infrastructure”`): the cue stands
 * before the first marks and the clause has words of its own before them. The quoted words inside
 * are the reported speaker's.
 */
function embeddingClauses(
  text: string,
  clauses: DetectedQuote[],
  directs: readonly DetectedQuote[],
  sentence: Sentence,
  lexicon: QuoteLexicon,
): DetectedQuote[] {
  const firstOpen = directs[0]!.marks!.openStart;
  if (directs.some((d) => (d.marks!.closeEnd ?? Number.POSITIVE_INFINITY) > sentence.end)) return [];
  const kept = clauses.filter(
    (c) =>
      c.cue !== null &&
      c.cue.end <= firstOpen &&
      c.span.start >= c.cue.end &&
      c.span.start < firstOpen &&
      wordCount(text.slice(c.span.start, firstOpen)) >= 2,
  );
  for (const clause of kept) {
    for (const d of directs) {
      const marks = d.marks!;
      const closeEnd = marks.closeEnd ?? marks.end;
      if (marks.openStart < clause.span.start || marks.openStart >= clause.span.end) continue;
      // `…, a delay that critics called “a gift”`: quoted words with a speaker of their own end the clause.
      if (d.cue && d.cue.start !== clause.cue!.start && d.speaker) {
        const comma = text.lastIndexOf(',', marks.openStart);
        if (comma > clause.span.start) clause.span = { start: clause.span.start, end: comma };
        break;
      }
      if (clause.speaker) {
        d.speaker = clause.speaker;
        d.pronoun = clause.pronoun;
        d.via = clause.via;
        d.cue = clause.cue;
      }
      // `… “within weeks”, after talks with …`: an adjunct after the quoted words is not reported.
      const after = /^[\s\u00a0\u202f]*,[\s\u00a0]*([\p{L}]+)/u.exec(text.slice(closeEnd, clause.span.end));
      if (after && !lexicon.contrasts.has(after[1]!.toLowerCase()))
        clause.span = { start: clause.span.start, end: closeEnd };
    }
  }
  return kept.filter((c) => wordCount(text.slice(c.span.start, c.span.end)) >= MIN_CONTENT_WORDS);
}

/** Most words a quoted phrase inside a sentence may have to be read as a scare quote or a title. */
const SCARE_WORDS = 5;
const SCARE_CHARS = 60;
/** How far before a short quoted phrase a reporting verb makes it someone's words (`has called it “unfair”`). */
const CUE_GAP = 40;

/**
 * A short unattributed phrase in marks inside a running sentence, right after a determiner or a
 * marker (`the so-called “recovery plan”`, `Le film « La Belle Saison »`, `агентство «Интерфакс»`):
 * a scare quote, a title or a name, not speech. A phrase after a verb (`promised to “fix the
 * roads”`) may be someone's words and stays.
 */
function isScareQuote(
  text: string,
  quote: DetectedQuote,
  sentences: readonly Sentence[],
  cues: readonly Cue[],
  lexicon: QuoteLexicon | null,
): boolean {
  const marks = quote.marks;
  if (!lexicon || quote.kind !== 'direct' || quote.speaker || !marks || marks.depth > 0) return false;
  if (marks.closeStart == null || marks.paragraph !== marks.lastParagraph) return false;
  if (marks.end - marks.start > SCARE_CHARS) return false;
  const words = text.slice(marks.start, marks.end);
  if (wordCount(words) > SCARE_WORDS || /[.!?…]$/u.test(words)) return false;
  const sentence = sentenceAt(sentences, marks.openStart);
  if (!sentence) return false;
  // The last few words before the marks are all the rule reads (a short slice keeps the `$` regexes cheap).
  const lead = text.slice(Math.max(sentence.start, marks.openStart - 40), marks.openStart);
  const before = /([\p{L}.'’-]+)[\s\u00a0\u202f]*$/u.exec(lead)?.[1];
  const twoBefore = /([\p{L}.'’-]+[\s\u00a0]+[\p{L}.'’-]+)[\s\u00a0\u202f]*$/u.exec(lead)?.[1];
  // `the exhibition “Salt and Iron,” opens`, `в турецкий «Трабзонспор»`: a capitalised name or title inside a sentence.
  if (lead.trim() !== '' && isTitleCase(words, lexicon)) return true;
  const keys = [before, twoBefore].map((w) => (w === undefined ? '' : normaliseCue(w)));
  // `газета «Вечерний город»`, `the so-called “…”`: a marker settles it, even after a verb of saying.
  if (keys.some((key) => lexicon.scareMarkers.has(key))) return true;
  const marked = keys.some((key) => lexicon.determiners.has(key) || /^(?:l|d)'$/.test(key));
  if (!marked) return false;
  return !cues.some(
    (c) => c.start >= sentence.start && c.end <= marks.openStart && marks.openStart - c.end <= CUE_GAP,
  );
}

/**
 * Whether a short phrase reads as a name or a title: its first word capitalised and every other
 * word too (function words aside), or the two first words capitalised (`La Fin de l’abondance`).
 */
function isTitleCase(phrase: string, lexicon: QuoteLexicon): boolean {
  const tokens = phrase
    .split(/[\s\u00a0\u202f]+/)
    .map((w) => w.replace(/^[\p{P}]+|[\p{P}]+$/gu, ''))
    .filter((w) => /\p{L}/u.test(w));
  const capital = (w: string) => /^\p{Lu}/u.test(w.replace(/^\p{L}['’]/u, ''));
  if (tokens.length === 0 || !capital(tokens[0]!)) return false;
  if (tokens.length >= 2 && capital(tokens[1]!)) return true;
  return tokens.every(
    (w) => capital(w) || lexicon.connectors.has(normaliseCue(w)) || lexicon.determiners.has(normaliseCue(w)),
  );
}

/**
 * A direct quote between these marks, not attributed: as it starts before attribution, and for
 * a quote inside a quote (the words the speaker cites), which has no attribution of its own.
 */
function unattributedQuote(marks: MarkedQuote): DetectedQuote {
  return {
    kind: 'direct',
    span: { start: marks.start, end: marks.end },
    paragraph: marks.paragraph,
    lastParagraph: marks.lastParagraph,
    marks,
    speaker: null,
    pronoun: null,
    cue: null,
    via: 'none',
  };
}

/** Every reporting cue outside quotation marks, paragraph by paragraph, in text order. */
function findCues(article: Article, lexicon: QuoteLexicon, outer: readonly MarkedQuote[]): Cue[] {
  const cues: Cue[] = [];
  let q = 0;
  for (const para of article.paragraphs) {
    for (const cue of findCueMatches(lexicon, article.text, para.start, para.end)) {
      while (q < outer.length && quoteEnd(outer[q]!) <= cue.start) q++;
      const quote = outer[q];
      if (quote && quote.start <= cue.start && cue.end <= quote.end) continue;
      if (!isImpersonal(article.text, cue.start, cue.end, cue.text, lexicon)) cues.push(cue);
    }
  }
  return cues;
}

/** `on dit que`, `man sagt`, `si dice`, `mówi się`, `dit-on`: nobody in particular speaks. */
function isImpersonal(text: string, start: number, end: number, cue: string, lexicon: QuoteLexicon): boolean {
  if (lexicon.impersonal.size === 0) return false;
  const before = /([\p{L}]+)[\s\u00a0]*$/u.exec(text.slice(Math.max(0, start - 20), start))?.[1];
  const after = /^[\s\u00a0-]*([\p{L}]+)/u.exec(text.slice(end, end + 20))?.[1];
  const inside = cue.split(/[\s\u00a0-]+/);
  return [before, after, ...inside].some((w) => w !== undefined && lexicon.impersonal.has(w.toLowerCase()));
}

function quoteEnd(quote: MarkedQuote): number {
  return quote.closeEnd ?? quote.end;
}

/** Attribution state carried through the article: the cues, the sentences and the last speaker. */
class Attribution {
  #lastSpeaker: { speaker: Speaker; paragraph: number } | null = null;
  #lastQuote: DetectedQuote | null = null;

  constructor(
    readonly text: string,
    readonly lexicon: QuoteLexicon | null,
    readonly sentences: readonly Sentence[],
    readonly cues: readonly Cue[],
    /** Paragraph indexes of titles, whose words are never a sentence subject to refer to. */
    readonly titles: ReadonlySet<number> = new Set(),
  ) {}

  /** Whether a reporting cue stands in [from, to): a clause may embed the quotes after it. */
  hasCue(from: number, to: number): boolean {
    return this.#cuesIn(from, to).length > 0;
  }

  direct(marks: MarkedQuote): DetectedQuote {
    const quote = unattributedQuote(marks);
    if (this.lexicon) this.#attributeDirect(quote, marks, this.lexicon);
    this.#lastQuote = quote;
    return quote;
  }

  #attributeDirect(quote: DetectedQuote, marks: MarkedQuote, lexicon: QuoteLexicon): void {
    const { text } = this;
    const closeEnd = quoteEnd(marks);
    const openSentence = sentenceAt(this.sentences, marks.openStart);
    const closeSentence = sentenceAt(this.sentences, Math.max(marks.openStart, closeEnd - 1));
    if (!openSentence || !closeSentence) return;
    // After the quote: `”, said X`, `», a-t-il ajouté`, `”, X said`, `», selon X`, `» — X`.
    if (closeEnd < closeSentence.end && this.#after(quote, closeEnd, closeSentence, lexicon)) return;
    // Before it: `X said: “`, `Selon X, «`, `X :`.
    if (this.#before(quote, openSentence.start, marks.openStart, lexicon)) return;
    // Adjacent sentence: the one before ends with a colon, or continues an attributed quote.
    const previous = this.#previousSentence(openSentence);
    if (previous && /:\s*$/.test(text.slice(previous.start, previous.end))) {
      if (this.#before(quote, previous.start, previous.end, lexicon)) return;
    }
    const last = this.#lastQuote;
    if (
      last?.speaker &&
      previous &&
      last.marks &&
      (last.marks.closeEnd ?? last.span.end) > previous.start &&
      onlySeparatorsOrSpeech(text, last.marks.closeEnd ?? last.span.end, marks.openStart)
    ) {
      this.#assign(quote, last.speaker, null, 'continuation', null);
    }
  }

  #after(quote: DetectedQuote, from: number, sentence: Sentence, lexicon: QuoteLexicon): boolean {
    const { text } = this;
    const cue = this.#firstCue(from, Math.min(sentence.end, from + CUE_REACH_AFTER));
    const dash = /^[\s\u00a0]*[—–][\s\u00a0]*/.exec(text.slice(from, sentence.end));
    if (cue) {
      const gap = text.slice(from, cue.start);
      if (SEPARATORS.test(gap)) {
        if (cue.kind === 'inverted') return this.#assignPronounInCue(quote, cue, lexicon);
        if (cue.kind === 'verb' || cue.kind === 'prep' || cue.kind === 'afterQuote') {
          const speaker = objectFollows(cue, lexicon)
            ? null
            : speakerAfter(text, cue.end, sentence.end, lexicon);
          if (speaker) return this.#assignMention(quote, speaker, cue);
          if (cue.kind === 'verb') return this.#assignProDrop(quote, cue, lexicon);
          return false;
        }
      }
      // `« … » : c’est le message qu’a martelé la présidente`: the speaker follows the verb of a relative clause.
      if (cue.kind === 'verb' && /^[\s\u00a0]*:[^.!?«»“”"]{0,40}(?:qu['’]|que[\s\u00a0]+)$/u.test(gap)) {
        const speaker = speakerAfter(text, cue.end, sentence.end, lexicon);
        if (speaker && !speaker.pronoun) return this.#assignMention(quote, speaker, cue);
      }
      if (cue.kind === 'verb' || cue.kind === 'postp') {
        const speaker = speakerBefore(text, cue.start, from, lexicon);
        if (speaker && SEPARATORS.test(text.slice(from, speaker.start)))
          return this.#assignMention(quote, speaker, cue);
        // `”, the club's lawyer, Mark Evans, told the BBC`: a description, then the name in apposition.
        const comma = speaker ? /,[\s\u00a0]*$/.exec(text.slice(from, speaker.start)) : null;
        const description = comma
          ? speakerBefore(text, speaker!.start - comma[0].length, from, lexicon)
          : null;
        if (description && !description.pronoun && SEPARATORS.test(text.slice(from, description.start)))
          return this.#assignMention(quote, speaker!, cue);
      }
    }
    if (dash) {
      const speaker = speakerAfter(text, from + dash[0].length, sentence.end, lexicon);
      if (speaker && !speaker.pronoun && /^[\s.,;)]*$/.test(text.slice(speaker.end, sentence.end))) {
        const mark = { text: dash[0].trim(), start: from + dash[0].indexOf(dash[0].trim()), end: 0 };
        mark.end = mark.start + mark.text.length;
        this.#assign(quote, speaker, null, 'dash', mark);
        return true;
      }
    }
    return false;
  }

  #before(quote: DetectedQuote, from: number, to: number, lexicon: QuoteLexicon): boolean {
    const { text } = this;
    const cue = this.#lastCue(Math.max(from, to - CUE_REACH_BEFORE), to);
    if (cue && !/[.!?]\s|[«»“”„"]/.test(text.slice(cue.end, to))) {
      if (cue.kind === 'inverted') return this.#assignPronounInCue(quote, cue, lexicon);
      if (cue.kind === 'prep') {
        const speaker = speakerAfter(text, cue.end, to, lexicon);
        if (speaker) return this.#assignMention(quote, speaker, cue);
      }
      if (cue.kind === 'lead') {
        const speaker = this.#leadSpeaker(from, cue, to, lexicon);
        if (speaker) return this.#assignMention(quote, speaker, cue);
      }
      if (cue.kind === 'postp') {
        const speaker = speakerBefore(text, cue.start, from, lexicon);
        if (speaker) return this.#assignMention(quote, speaker, cue);
      }
      if (cue.kind === 'verb') {
        const speaker =
          speakerBefore(text, cue.start, from, lexicon) ??
          (objectFollows(cue, lexicon) ? null : speakerAfter(text, cue.end, to, lexicon));
        if (speaker) return this.#assignMention(quote, speaker, cue);
        if (SEPARATORS.test(text.slice(from, cue.start))) return this.#assignProDrop(quote, cue, lexicon);
      }
    }
    // `Le ministre : « … »`, `John Smith: “…”` — the whole lead-in is the speaker.
    const lead = /^(.*?)[\s\u00a0\u202f]*:[\s\u00a0\u202f]*$/su.exec(text.slice(from, to));
    if (lead) {
      const colon = from + lead[1]!.length;
      const speaker = speakerBefore(text, colon, from, lexicon);
      if (speaker && !speaker.pronoun && text.slice(from, speaker.start).trim() === '') {
        this.#assign(quote, speaker, null, 'colon', { text: ':', start: colon, end: colon + 1 });
        return true;
      }
    }
    return false;
  }

  /**
   * Indirect quotes of a sentence: the first cue that fits a reporting pattern, then again in a
   * following clause (`Critics say …, but the government insists …`).
   */
  indirect(sentence: Sentence): DetectedQuote[] {
    const lexicon = this.lexicon!;
    const found: DetectedQuote[] = [];
    // `PARIS, June 1 (AFP) — The minister said …`: the dateline is not part of the clause.
    const dateline = DATELINE.exec(this.text.slice(sentence.start, sentence.end));
    let clause: Sentence = dateline ? { ...sentence, start: sentence.start + dateline[0].length } : sentence;
    for (const cue of this.#cuesIn(sentence.start, sentence.end)) {
      if (cue.start < clause.start) continue;
      const quote = this.#indirectAt(clause, cue, lexicon);
      if (!quote) continue;
      found.push(quote, ...this.#splitCoordinated(quote, lexicon));
      const link = lexicon.clauseLink.exec(this.text.slice(quote.span.end, sentence.end));
      if (!link) break;
      clause = { ...sentence, start: quote.span.end + link[0].length };
    }
    return found;
  }

  /** `She cautioned that A and that B`: two reported clauses, the second split off the first. */
  #splitCoordinated(quote: DetectedQuote, lexicon: QuoteLexicon): DetectedQuote[] {
    if (!lexicon.coordinated) return [];
    const m = lexicon.coordinated.exec(this.text.slice(quote.span.start, quote.span.end));
    if (!m) return [];
    const cut = quote.span.start + m.index;
    const second = trimSpan(this.text, cut + m[0].length, quote.span.end);
    const first = trimSpan(this.text, quote.span.start, cut);
    if (!first || !second || wordCount(this.text.slice(second.start, second.end)) < MIN_CONTENT_WORDS)
      return [];
    quote.span = first;
    return [{ ...quote, span: second }];
  }

  #indirectAt(sentence: Sentence, cue: Cue, lexicon: QuoteLexicon): DetectedQuote | null {
    const { text } = this;
    const lead = text.slice(sentence.start, cue.start);
    const leadIsShort = lead.trim().length <= 12 && !/[,;:]/.test(lead);
    const end = contentEnd(text, sentence.start, sentence.end);
    const commaLead = /,[\s\u00a0–—-]*$/.exec(lead);
    const make = (start: number, stop: number, speaker: SpeakerMention | null) =>
      this.#indirectQuote(sentence, cue, start, stop, speaker, lexicon);

    if (cue.kind === 'lead') {
      const speaker = this.#leadSpeaker(sentence.start, cue, sentence.end, lexicon);
      return speaker ? make(skip(text, speaker.end, /[\s\u00a0,]/), end, speaker) : null;
    }
    if (cue.kind === 'prep') {
      const found = speakerAfter(text, cue.end, sentence.end, lexicon);
      // `…, according to people familiar with the matter.`, `…, selon plusieurs diplomates.`: a
      // closing attribution owns the whole clause before its comma, however long its source phrase.
      if (commaLead && !leadIsShort && this.#endsSentence(cue, sentence.end, end)) {
        const source = found ?? this.#upToComma(cue, end, true);
        if (source && !lexicon.selfPronouns.has(normaliseCue(source.text)))
          return make(sentence.start, cue.start - commaLead[0].length, source);
      }
      const speaker = found ?? (leadIsShort ? this.#upToComma(cue, end) : null);
      if (!speaker || lexicon.selfPronouns.has(normaliseCue(speaker.text))) return null;
      if (leadIsShort) {
        // `According to the national weather service, …`: the speaker runs to the comma.
        const comma = text.indexOf(',', speaker.end);
        const whole =
          comma >= 0 && comma - cue.end <= LEAD_REACH && comma < end
            ? trimSpan(text, speaker.start, comma)
            : null;
        const full =
          whole && !/[.;:!?«»“”„"]/.test(text.slice(whole.start, whole.end))
            ? { ...speaker, ...whole, text: text.slice(whole.start, whole.end) }
            : speaker;
        // `D’après son directeur sportif, Koen Willems, le coureur …`: the name in apposition speaks.
        const who = full.pronoun ? full : (this.#nameInApposition(full.end, end) ?? full);
        return make(skip(text, who.end, /[\s\u00a0,]/), end, who);
      }
      if (commaLead && TAIL.test(text.slice(speaker.end, end))) {
        return make(sentence.start, cue.start - commaLead[0].length, speaker);
      }
      if (TAIL.test(text.slice(speaker.end, end)) && end - speaker.end <= 1) {
        return make(sentence.start, cue.start, speaker);
      }
      return commaLead ? make(sentence.start, end, speaker) : null;
    }
    if (cue.kind === 'postp') {
      const speaker = speakerBefore(text, cue.start, sentence.start, lexicon);
      if (!speaker || text.slice(sentence.start, speaker.start).trim().length > 12) return null;
      return make(skip(text, cue.end, /[\s\u00a0,]/), end, speaker);
    }
    if (cue.kind === 'afterQuote') return null;
    // `Selon lui, …`, `По его словам, …`: a cue opening the sentence, the content after the comma.
    if (lead.trim() === '' && /^[\s\u00a0]*,/.test(text.slice(cue.end, end))) {
      const pronoun = pronounInCue(text, cue, lexicon);
      if (pronoun || (lexicon.proDrop && /\s/.test(cue.text)))
        return make(skip(text, cue.end, /[\s\u00a0,]/), end, pronoun);
    }
    // `The mayor praised the volunteers, adding that …`: the subject opening the sentence speaks.
    if (commaLead && lexicon.gerunds.has(normaliseCue(cue.text))) {
      const subject = speakerAfter(text, sentence.start, cue.start, lexicon);
      const content = contentStart(text, cue.end, end, lexicon, cue);
      if (!subject || subject.start !== skip(text, sentence.start, /[\s\u00a0]/) || content === null)
        return null;
      return make(content, this.#beforeTrailingAttribution(content, end, lexicon), subject);
    }
    // `Maria Lopez, a nurse who …, said staff were exhausted`: a named subject and its description, not `…, said X`.
    const described =
      commaLead && cue.kind === 'verb' && reportsContent(text, cue, end, lexicon)
        ? this.#subjectInApposition(sentence.start, cue.start, lexicon)
        : null;
    // `…, a-t-il ajouté.`, `…, said Smith.`, `…, Smith said.`
    if (commaLead && !described) {
      const contentStop = cue.start - commaLead[0].length;
      if (cue.kind === 'inverted') {
        if (!TAIL.test(text.slice(cue.end, end))) return null;
        return make(sentence.start, contentStop, pronounInCue(text, cue, lexicon));
      }
      const speaker = objectFollows(cue, lexicon) ? null : speakerAfter(text, cue.end, sentence.end, lexicon);
      if (speaker && TAIL.test(text.slice(speaker.end, end)))
        return make(sentence.start, contentStop, speaker);
      if (!speaker && lexicon.proDrop && TAIL.test(text.slice(cue.end, end))) {
        return make(sentence.start, contentStop, null);
      }
    }
    const before = speakerBefore(text, cue.start, sentence.start, lexicon);
    if (
      before &&
      !described &&
      !reportsContent(text, cue, end, lexicon) &&
      // `…, he had told the players, according to the captain.`: the closing cue attributes the clause.
      this.#cuesIn(cue.end, sentence.end).length === 0 &&
      (TAIL.test(text.slice(cue.end, end)) || /^[\s\u00a0]*,/.test(text.slice(cue.end, end)))
    ) {
      const apposition = /,[\s\u00a0–—-]*$/.exec(text.slice(sentence.start, before.start));
      if (apposition) {
        return make(sentence.start, before.start - apposition[0].length, before);
      }
    }
    if (cue.kind !== 'verb') return null;
    // `X said (that) …`, `X a déclaré que …`, `Am Montag sagte der Minister, dass …`, pro-drop `Ha aggiunto che …`.
    let speaker: SpeakerMention | null = null;
    let after = cue.end;
    const subject = before && this.#leadsSentence(sentence.start, before.start, lexicon) ? before : null;
    const inApposition = subject
      ? null
      : (described ?? this.#subjectInApposition(sentence.start, cue.start, lexicon));
    const plain = subject || inApposition ? null : this.#plainSubject(sentence.start, cue.start, lexicon);
    if (subject || inApposition || plain) {
      speaker = subject ?? inApposition ?? plain;
      // `Le commissaire chargé du dossier, Piet van der Molen, a assuré`: the name in apposition speaks.
      if (!speaker!.pronoun) speaker = this.#nameInApposition(speaker!.end, cue.start) ?? speaker;
    } else {
      const forward = objectFollows(cue, lexicon) ? null : speakerAfter(text, cue.end, sentence.end, lexicon);
      if (forward && !lexicon.selfPronouns.has(normaliseCue(forward.text))) {
        speaker = forward;
        after = forward.end;
      } else if (!(lexicon.proDrop && leadIsShort)) return null;
    }
    if (speaker && lexicon.selfPronouns.has(normaliseCue(speaker.text))) return null;
    const content = contentStart(text, after, end, lexicon, cue);
    if (content === null) return null;
    return make(content, this.#beforeTrailingAttribution(content, end, lexicon), speaker);
  }

  /** A capitalised name between commas right after `from` (`, Koen Willems,`, `, Piet van der Molen,`). */
  #nameInApposition(from: number, end: number): SpeakerMention | null {
    const comma = /^,[\s\u00a0]+/.exec(this.text.slice(from, end));
    if (!comma) return null;
    const at = from + comma[0].length;
    const name = FULL_NAME.exec(this.text.slice(at, end));
    if (!name || !/^[\s\u00a0]*,/.test(this.text.slice(at + name[0].length, end))) return null;
    return { text: name[0], start: at, end: at + name[0].length, pronoun: false };
  }

  /**
   * `Dr. Samuel Okoro, an archaeobotanist who was not involved, said …`, `Mykhailenko, speaking to
   * reporters, said …`: a named subject opening the sentence, a description between commas, the verb.
   */
  #subjectInApposition(start: number, at: number, lexicon: QuoteLexicon): SpeakerMention | null {
    const lead = this.text.slice(start, at);
    if (!/,[\s\u00a0]*$/.test(lead) || /[;:«»“”„"()]/.test(lead) || this.#cuesIn(start, at).length > 0)
      return null;
    const first = speakerAfter(this.text, skip(this.text, start, /[\s\u00a0]/), at, lexicon);
    if (!first || first.pronoun || first.start !== skip(this.text, start, /[\s\u00a0]/)) return null;
    if (!/^\p{Lu}/u.test(first.text) || !/^[\s\u00a0]*,/.test(this.text.slice(first.end, at))) return null;
    // `Le commissaire chargé du dossier, Piet van der Molen, a assuré`: the name, not the title.
    return this.#nameInApposition(first.end, at) ?? first;
  }

  /**
   * `The department now says …`, `Santé publique France rappelle que …`: in a subject–verb
   * language, a short lead without punctuation before the verb is its subject (trailing adverbs aside).
   */
  #plainSubject(start: number, at: number, lexicon: QuoteLexicon): SpeakerMention | null {
    if (!lexicon.subjectFirst) return null;
    const lead = this.text.slice(start, at);
    if (/[,;:()«»“”„"!?]/.test(lead)) return null;
    const words = [...lead.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)];
    while (words.length > 0) {
      const last = normaliseCue(words.at(-1)![0]);
      if (!lexicon.subjectAdverbs.has(last) && !(lexicon.lang === 'en' && /ly$/.test(last))) break;
      words.pop();
    }
    if (words.length === 0 || words.length > 6) return null;
    const head = words[0]![0];
    if (!/^\p{Lu}/u.test(head) || lexicon.connectors.has(normaliseCue(head))) return null;
    const s = start + words[0]!.index!;
    const e = start + words.at(-1)!.index! + words.at(-1)![0].length;
    return { text: this.text.slice(s, e), start: s, end: e, pronoun: false };
  }

  /**
   * Whether only a few words, or a subject in apposition (`The finance minister, Paul Grant,`),
   * precede a speaker phrase starting at `at`.
   */
  #leadsSentence(start: number, at: number, lexicon: QuoteLexicon): boolean {
    const lead = this.text.slice(start, at);
    if (lead.trim().length <= 12 && !/[,;:]/.test(lead)) return true;
    const comma = /,[\s\u00a0]*$/.exec(lead);
    if (!comma) return false;
    // `Asked about the delay, Patel insisted …`: an opening phrase without a verb of saying.
    if (
      !/[;:]/.test(lead) &&
      this.#cuesIn(start, at).length === 0 &&
      (/^\p{Lu}/u.test(this.text.slice(at, at + 1)) ||
        lexicon.determiners.has(normaliseCue(/^[\p{L}'’]+/u.exec(this.text.slice(at, at + 20))?.[0] ?? '')))
    )
      return true;
    const subject = speakerBefore(this.text, at - comma[0].length, start, lexicon);
    return subject !== null && this.text.slice(start, subject.start).trim() === '';
  }

  /** Whether a cue's phrase runs to the end of the sentence: no other cue, quote or clause break after it. */
  #endsSentence(cue: Cue, sentenceEnd: number, end: number): boolean {
    const tail = this.text.slice(cue.end, end);
    if (tail.length > 160 || /[;:«»“”„"]/.test(tail)) return false;
    // `according to figures published by …`: a participle inside the source phrase is not a new clause.
    // `…, a group of surgeons that tracks …`: nor is a verb in a relative clause.
    return this.#cuesIn(cue.end, sentenceEnd).every((c) => {
      if (c.kind !== 'verb') return false;
      const before = this.text.slice(cue.end, c.start);
      const word = /([\p{L}]+)[\s\u00a0]+$/u.exec(before)?.[1];
      return (
        !before.includes(',') || (word !== undefined && this.lexicon!.relatives.includes(normaliseCue(word)))
      );
    });
  }

  /**
   * `According to figures from the statistics office, …`: the words up to a near comma, when no
   * phrase was recognised (or, `toEnd`, up to the end of the sentence without a comma).
   */
  #upToComma(cue: Cue, end: number, toEnd = false): SpeakerMention | null {
    let comma = this.text.indexOf(',', cue.end);
    if (toEnd && (comma < 0 || comma >= end)) comma = end;
    if (comma < 0 || comma > end || (comma === end && !toEnd) || comma - cue.end > (toEnd ? 160 : LEAD_REACH))
      return null;
    const span = trimSpan(this.text, cue.end, comma);
    if (!span || !/^[\p{L}\s\u00a0'’-]+$/u.test(this.text.slice(span.start, span.end))) return null;
    return { ...span, text: this.text.slice(span.start, span.end), pronoun: false };
  }

  /** `Pour l’économiste Jean Durand, …`: a sentence-initial preposition, a named speaker, a comma. */
  #leadSpeaker(start: number, cue: Cue, to: number, lexicon: QuoteLexicon): SpeakerMention | null {
    if (this.text.slice(start, cue.start).trim() !== '') return null;
    const speaker = speakerAfter(this.text, cue.end, to, lexicon);
    if (!speaker || speaker.pronoun || !/^[\s\u00a0]*,/.test(this.text.slice(speaker.end, to))) return null;
    return /\p{Lu}/u.test(speaker.text.slice(1)) ||
      lexicon.speakerWords.has(normaliseCue(speaker.text.split(/[\s'’]/).at(-1)!))
      ? speaker
      : null;
  }

  /**
   * The content stops before a second, trailing attribution (`…, Reuters reported.`) or before a
   * clause where someone else speaks (`…, but the government insists …`).
   */
  #beforeTrailingAttribution(from: number, end: number, lexicon: QuoteLexicon): number {
    for (const cue of this.#cuesIn(from, end)) {
      const comma = this.text.lastIndexOf(',', cue.start);
      if (comma < from) continue;
      const speaker = speakerBefore(this.text, cue.start, comma + 1, lexicon);
      const between = this.text.slice(comma, speaker ? speaker.start : cue.start);
      const link = lexicon.clauseLink.exec(between);
      if (speaker && link && link[0].length === between.length) return comma;
      if (/^,[\s\u00a0–—-]*$/.test(between) && TAIL.test(this.text.slice(cue.end, end))) return comma;
    }
    return end;
  }

  #indirectQuote(
    sentence: Sentence,
    cue: Cue,
    start: number,
    end: number,
    speaker: SpeakerMention | null,
    lexicon: QuoteLexicon,
  ): DetectedQuote | null {
    const span = trimSpan(this.text, start, end);
    if (!span || wordCount(this.text.slice(span.start, span.end)) < MIN_CONTENT_WORDS) return null;
    const quote: DetectedQuote = {
      kind: 'indirect',
      span,
      paragraph: sentence.paragraph,
      lastParagraph: sentence.paragraph,
      speaker: null,
      pronoun: null,
      cue: null,
      via: 'none',
    };
    if (speaker) this.#assignMention(quote, speaker, cue);
    else if (!this.#assignProDrop(quote, cue, lexicon)) quote.cue = cueOf(cue);
    return quote;
  }

  #assignMention(quote: DetectedQuote, mention: SpeakerMention, cue: Cue): boolean {
    if (mention.pronoun) {
      const anchor = Math.min(quote.marks?.openStart ?? quote.span.start, mention.start);
      // `Ibarra, who …, shrugged off the praise. “…,” he said`: a subject named since the last speaker wins.
      const recent = this.#resolvable(quote.paragraph);
      const subject = this.#subjectBefore(anchor, quote.paragraph);
      const last =
        (subject && (!recent || subject.at > recent.start) ? subject.speaker : recent) ??
        this.#nameBefore(anchor, quote.paragraph);
      this.#assign(quote, last ?? mention, mention.text, last ? 'pronoun' : 'cue', cueOf(cue));
      return true;
    }
    this.#assign(quote, mention, null, 'cue', cueOf(cue));
    return true;
  }

  #assignPronounInCue(quote: DetectedQuote, cue: Cue, lexicon: QuoteLexicon): boolean {
    const pronoun = pronounInCue(this.text, cue, lexicon);
    return this.#assignMention(quote, pronoun ?? { ...cue, pronoun: true }, cue);
  }

  /** A bare verb in a pro-drop language (`ha aggiunto`, `dodał`, `добавил`): the last speaker spoke. */
  #assignProDrop(quote: DetectedQuote, cue: Cue, lexicon: QuoteLexicon): boolean {
    const last = lexicon.proDrop ? this.#resolvable(quote.paragraph) : null;
    if (!last) return false;
    this.#assign(quote, last, null, 'pro-drop', cueOf(cue));
    return true;
  }

  #assign(
    quote: DetectedQuote,
    speaker: Speaker,
    pronoun: string | null,
    via: AttributionVia,
    cue: DetectedQuote['cue'],
  ): void {
    quote.speaker = { text: speaker.text, start: speaker.start, end: speaker.end };
    quote.pronoun = pronoun;
    quote.via = via;
    quote.cue = cue;
    if (!pronoun || via === 'pronoun')
      this.#lastSpeaker = { speaker: quote.speaker, paragraph: quote.paragraph };
  }

  /** The last named speaker, if recent enough (three paragraphs) for a pronoun to refer to. */
  #resolvable(paragraph: number): Speaker | null {
    const last = this.#lastSpeaker;
    return last && paragraph - last.paragraph <= 3 ? last.speaker : null;
  }

  /**
   * The named subject of the latest sentence before `offset` (up to three sentences back, from the
   * previous paragraph on) that opens with one: `Le maire, Didier Sauvageot, s’est rendu …`,
   * `Ibarra, who wears …, shrugged`. A lone surname stands for the full name used earlier.
   */
  #subjectBefore(offset: number, paragraph: number): { speaker: Speaker; at: number } | null {
    const lexicon = this.lexicon!;
    let sentence = sentenceAt(this.sentences, offset);
    for (let k = 0; sentence && k < 4; k++) {
      if (sentence.paragraph < paragraph - 1 || this.titles.has(sentence.paragraph)) return null;
      const at = skip(this.text, sentence.start, /[\s\u00a0]/);
      const found =
        at < offset && !/[«»“”„"‘‹—–]/.test(this.text[at] ?? '')
          ? speakerAfter(this.text, at, Math.min(sentence.end, offset), lexicon)
          : null;
      // The name opens the sentence, or follows a description and a comma (`Le maire, Didier Sauvageot,`).
      const opens =
        found &&
        !found.pronoun &&
        (found.start === at || /^[^,.;:!?«»“”]{1,60},[\s\u00a0]+$/u.test(this.text.slice(at, found.start)));
      if (
        found &&
        opens &&
        this.#cuesIn(at, found.end).length === 0 &&
        /^(?:[\s\u00a0]+\p{Ll}|,)/u.test(this.text.slice(found.end, found.end + 3)) &&
        found.text
          .split(/[\s\u00a0]+/)
          .every((w) => /^\p{Lu}/u.test(w) || lexicon.connectors.has(normaliseCue(w)))
      ) {
        const speaker = this.#fullName(found, at);
        // A lone capitalised word is too weak (`Asked about …`) unless it is a surname used before.
        if (/[\s\u00a0]/.test(speaker.text)) return { speaker, at };
      }
      // `La syndicaliste Claire Aubert reste prudente.`: the name ending a description.
      const trailing =
        found && opens && this.#cuesIn(at, found.end).length === 0
          ? /(?:^|[\s\u00a0])(\p{Lu}[\p{L}'’-]+(?:[\s\u00a0]+\p{Lu}[\p{L}'’-]+)+)$/u.exec(found.text)
          : null;
      if (trailing && /^[\s\u00a0]+\p{Ll}/u.test(this.text.slice(found!.end, found!.end + 3))) {
        const start = found!.end - trailing[1]!.length;
        return { speaker: { text: trailing[1]!, start, end: found!.end }, at };
      }
      sentence = this.#previousSentence(sentence);
    }
    return null;
  }

  /** A lone surname as the full name the text used before `before` (`Mulhall` → `Catherine Mulhall`). */
  #fullName(mention: SpeakerMention, before: number): Speaker {
    if (/[\s\u00a0]/.test(mention.text)) return mention;
    const region = this.text.slice(Math.max(0, before - 3000), before);
    let found: Speaker = mention;
    NAME.lastIndex = 0;
    for (let m = NAME.exec(region); m; m = NAME.exec(region)) {
      const words = m[0].split(/[\s\u00a0]+/);
      if (words.at(-1) !== mention.text) continue;
      const start =
        before - region.length + m.index + m[0].length - (words.at(-2)!.length + 1 + mention.text.length);
      found = {
        text: this.text.slice(start, start + words.at(-2)!.length + 1 + mention.text.length),
        start,
        end: start + words.at(-2)!.length + 1 + mention.text.length,
      };
    }
    return found;
  }

  /** The last personal name (two or more capitalised words) in the two sentences before `offset`. */
  #nameBefore(offset: number, paragraph: number): Speaker | null {
    const here = sentenceAt(this.sentences, offset);
    if (!here || !this.lexicon) return null;
    const previous = this.#previousSentence(here);
    const from = previous && previous.paragraph >= paragraph - 1 ? previous.start : here.start;
    let found: Speaker | null = null;
    NAME.lastIndex = 0;
    const region = this.text.slice(from, offset);
    for (let m = NAME.exec(region); m; m = NAME.exec(region)) {
      const words = m[0].split(/[\s\u00a0]+/);
      if (this.lexicon.determiners.has(normaliseCue(words[0]!))) words.shift();
      if (words.length < 2) continue;
      const text = words.join(' ');
      const start = from + m.index + m[0].length - text.length;
      if (this.text.slice(start, start + text.length) === text)
        found = { text, start, end: start + text.length };
    }
    return found ?? this.#descriptionBefore(region, from);
  }

  /** `the coach shrugged. “…,” he said`: the last speaker described by a determiner and a speaker word. */
  #descriptionBefore(region: string, from: number): Speaker | null {
    const lexicon = this.lexicon!;
    const words = [...region.matchAll(WORD)];
    let found: Speaker | null = null;
    words.forEach((det, i) => {
      if (!lexicon.determiners.has(normaliseCue(det[0]))) return;
      for (const k of [i + 1, i + 2]) {
        const head = words[k];
        if (
          !head ||
          !(lexicon.speakerWords.has(normaliseCue(head[0])) || lexicon.titles.has(normaliseCue(head[0])))
        )
          continue;
        const start = from + det.index;
        const end = from + head.index + head[0].length;
        found = { text: this.text.slice(start, end), start, end };
        return;
      }
    });
    return found;
  }

  #previousSentence(sentence: Sentence): Sentence | undefined {
    const prev = sentence.start > 0 ? sentenceAt(this.sentences, sentence.start - 1) : undefined;
    return prev && prev !== sentence && sentence.paragraph - prev.paragraph <= 1 ? prev : undefined;
  }

  #firstCue(from: number, to: number): Cue | undefined {
    return this.#cuesIn(from, to)[0];
  }

  #lastCue(from: number, to: number): Cue | undefined {
    return this.#cuesIn(from, to).at(-1);
  }

  /** Cues lying within [from, to) (binary search on the sorted cue list). */
  #cuesIn(from: number, to: number): Cue[] {
    const { cues } = this;
    let lo = 0;
    let hi = cues.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cues[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Cue[] = [];
    for (let i = lo; i < cues.length && cues[i]!.end <= to; i++) out.push(cues[i]!);
    return out;
  }
}

function objectFollows(cue: Cue, lexicon: QuoteLexicon): boolean {
  return lexicon.objectFollows.has(normaliseCue(cue.text));
}

function cueOf(cue: Cue): DetectedQuote['cue'] {
  return { text: cue.text, start: cue.start, end: cue.end };
}

/** The pronoun inside an inverted cue (`a-t-il ajouté` → `il`, `selon elle` → `elle`). */
function pronounInCue(text: string, cue: Cue, lexicon: QuoteLexicon): SpeakerMention | null {
  const words = /[\p{L}]+/gu;
  for (let m = words.exec(cue.text); m; m = words.exec(cue.text)) {
    if (lexicon.pronouns.has(m[0].toLowerCase())) {
      const start = cue.start + m.index;
      return { text: text.slice(start, start + m[0].length), start, end: start + m[0].length, pronoun: true };
    }
  }
  return null;
}

/**
 * Where reported content begins after a verb: after a complementizer (`that`, `que`, `dass`…)
 * standing within a few words, or after a comma or colon right after the verb, or (English `said`
 * without `that`, per the lexicon's `zeroComplementizer`) right after the verb.
 */
function contentStart(
  text: string,
  from: number,
  end: number,
  lexicon: QuoteLexicon,
  cue: Cue,
): number | null {
  // `a annoncé lundi, lors d’un comité extraordinaire, que …`: an adverbial may stand before the complementizer.
  const window = text.slice(from, Math.min(end, from + 110));
  for (const word of lexicon.complementizers) {
    const at = findWord(window, word);
    if (at >= 0 && !/[.;:!?]/.test(window.slice(0, at))) return from + at + word.length;
  }
  // `erklärte am Montag, man sei …`: a short adverbial may stand between the verb and the comma.
  const punct = /^(?:[\s\u00a0]+[\p{L}\p{N}.]+){0,3}?[\s\u00a0]*[,:][\s\u00a0]*/u.exec(window);
  if (punct && lexicon.lang !== 'en' && lexicon.lang !== 'fr') return from + punct[0].length;
  if (lexicon.zeroComplementizer.has(normaliseCue(cue.text))) {
    const next = /^[\s\u00a0]+/.exec(window);
    return next ? from + next[0].length : null;
  }
  return null;
}

/**
 * Whether reported content follows the cue (`Patel insisted the project was on track`, `said
 * that …`) rather than a trailing adjunct (`Patel said on Tuesday`, `said in a statement`).
 */
function reportsContent(text: string, cue: Cue, end: number, lexicon: QuoteLexicon): boolean {
  const start = contentStart(text, cue.end, end, lexicon, cue);
  if (start === null || wordCount(text.slice(start, end)) < MIN_CONTENT_WORDS) return false;
  const first = /^[\s\u00a0]*([\p{L}'’]+)/u.exec(text.slice(start, end))?.[1];
  if (!first || /ly$/.test(first)) return false;
  const key = normaliseCue(first);
  return !lexicon.connectors.has(key) && !ADJUNCT_STARTS.has(key);
}

/** Words that open an adjunct after a verb of saying, not a reported clause. */
const ADJUNCT_STARTS = new Set([
  'yesterday',
  'today',
  'tonight',
  'last',
  'earlier',
  'later',
  'late',
  'during',
  'after',
  'before',
  'while',
  'when',
  'as',
  'via',
  'by',
  'through',
  'without',
]);

function findWord(haystack: string, word: string): number {
  const lower = haystack.toLowerCase().replace(/’/g, "'");
  let at = lower.indexOf(word);
  while (at >= 0) {
    const before = at === 0 ? ' ' : lower[at - 1]!;
    const after = lower[at + word.length] ?? ' ';
    const elided = word.endsWith("'");
    if (!/[\p{L}\p{N}]/u.test(before) && (elided || !/[\p{L}\p{N}]/u.test(after))) return at;
    at = lower.indexOf(word, at + 1);
  }
  return -1;
}

/** End of a sentence's content: before its final punctuation. */
function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s\u00a0.!?…;:]/.test(text[e - 1]!)) e--;
  return e;
}

function trimSpan(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /[\s\u00a0\u202f,:–—-]/.test(text[s]!)) s++;
  while (e > s && /[\s\u00a0\u202f,:;–—-]/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

function skip(text: string, from: number, chars: RegExp): number {
  let i = from;
  while (i < text.length && chars.test(text[i]!)) i++;
  return i;
}

function wordCount(s: string): number {
  return s.split(/[\s\u00a0]+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Only separators, or nothing but an attribution, between two quotes (`“A,” he said. “B.”`). */
function onlySeparatorsOrSpeech(text: string, from: number, to: number): boolean {
  return to - from <= 80 && !/[«»“”„"]/.test(text.slice(from, to));
}
