/**
 * Passages shared by two texts: runs of equal word shingles on the same diagonal, merged across
 * small edits (a changed, added or dropped word breaks a run; a later run that continues on both
 * sides within MAX_GAP words belongs to the same passage). Offsets are UTF-16 spans of each text.
 */
import { jaccard, SHINGLE_WORDS, shingleHashes, type Words, words } from './sketch.ts';

/** Words of edit tolerated inside one passage, on either side. */
const MAX_GAP = 12;
/** A passage must be at least this many words long on both sides. */
export const MIN_PASSAGE_WORDS = 20;
/** Occurrences of one shingle looked at in the other text: repetitive text cannot blow up. */
const MAX_OCCURRENCES = 8;

export interface Passage {
  a: { start: number; end: number };
  b: { start: number; end: number };
  /** Share of the passage's words (on the longer side) that belong to an exactly shared run. */
  similarity: number;
}

export interface Alignment {
  jaccard: number;
  passages: Passage[];
}

interface Run {
  /** First and last word (inclusive) on each side. */
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  matched: number;
}

export function align(textA: string, textB: string): Alignment {
  const wa = words(textA);
  const wb = words(textB);
  const ha = shingleHashes(wa.words);
  const hb = shingleHashes(wb.words);
  const runs = diagonalRuns(ha, hb);
  const passages = mergeRuns(runs)
    .filter((r) => r.a1 - r.a0 + 1 >= MIN_PASSAGE_WORDS && r.b1 - r.b0 + 1 >= MIN_PASSAGE_WORDS)
    .map((r) => toPassage(r, wa, wb));
  return { jaccard: jaccard(ha, hb), passages };
}

function diagonalRuns(ha: Uint32Array, hb: Uint32Array): Run[] {
  const where = new Map<number, number[]>();
  hb.forEach((h, j) => {
    const list = where.get(h);
    if (!list) where.set(h, [j]);
    else if (list.length < MAX_OCCURRENCES) list.push(j);
  });
  // Open runs keyed by diagonal (j - i); a run stays open while the next shingle also matches.
  const open = new Map<number, Run>();
  const runs: Run[] = [];
  for (let i = 0; i < ha.length; i++) {
    const next = new Map<number, Run>();
    for (const j of where.get(ha[i]!) ?? []) {
      const diagonal = j - i;
      const run = open.get(diagonal);
      if (run) {
        run.a1 = i;
        run.b1 = j;
        next.set(diagonal, run);
      } else {
        const started: Run = { a0: i, a1: i, b0: j, b1: j, matched: 0 };
        runs.push(started);
        next.set(diagonal, started);
      }
    }
    open.clear();
    for (const [d, r] of next) open.set(d, r);
  }
  // Shingle runs to word runs: the last shingle covers SHINGLE_WORDS words.
  for (const run of runs) {
    run.a1 += SHINGLE_WORDS - 1;
    run.b1 += SHINGLE_WORDS - 1;
    run.matched = run.a1 - run.a0 + 1;
  }
  return runs;
}

/** Chains runs that follow one another on both sides within MAX_GAP words, longest chains first. */
function mergeRuns(runs: Run[]): Run[] {
  runs.sort((x, y) => x.a0 - y.a0 || x.b0 - y.b0);
  const merged: Run[] = [];
  for (const run of runs) {
    const into = merged.find(
      (p) =>
        run.a0 >= p.a0 &&
        run.a0 <= p.a1 + MAX_GAP + 1 &&
        run.b0 >= p.b0 &&
        run.b0 <= p.b1 + MAX_GAP + 1 &&
        run.b1 > p.b1 - SHINGLE_WORDS,
    );
    if (into) {
      into.matched += Math.max(0, run.a1 - Math.max(run.a0, into.a1 + 1) + 1);
      into.a1 = Math.max(into.a1, run.a1);
      into.b1 = Math.max(into.b1, run.b1);
    } else {
      merged.push({ ...run });
    }
  }
  return dropOverlaps(merged);
}

/** Repeated text can pair one passage with several places: keep the longest, then those disjoint from it. */
function dropOverlaps(passages: Run[]): Run[] {
  const kept: Run[] = [];
  const bySize = [...passages].sort((x, y) => y.matched - x.matched || x.a0 - y.a0 || x.b0 - y.b0);
  for (const p of bySize) {
    const overlaps = kept.some((k) => (p.a0 <= k.a1 && k.a0 <= p.a1) || (p.b0 <= k.b1 && k.b0 <= p.b1));
    if (!overlaps) kept.push(p);
  }
  return kept.sort((x, y) => x.a0 - y.a0);
}

function toPassage(run: Run, wa: Words, wb: Words): Passage {
  const longer = Math.max(run.a1 - run.a0 + 1, run.b1 - run.b0 + 1);
  return {
    a: { start: wa.starts[run.a0]!, end: wa.ends[run.a1]! },
    b: { start: wb.starts[run.b0]!, end: wb.ends[run.b1]! },
    similarity: Math.round((Math.min(run.matched, longer) / longer) * 1000) / 1000,
  };
}
