import { type Mention, PARTICLES } from './detect.ts';
import type { EntityType } from './lexicon.ts';
import {
  blockKeys,
  editDistance,
  genderClash,
  plain,
  similar,
  skeleton,
  spellingKey,
  stem,
} from './skeleton.ts';

/** Mentions of one entity. */
export interface Cluster {
  id: string;
  type: EntityType;
  mentions: Mention[];
  /** The most frequent spelling among the fullest mentions (`Emmanuel Macron` over `Macron`). */
  canonical: string;
}

/** Spellings of one entity that differ inside an article, each with its mentions. */
export interface SpellingVariants {
  cluster: Cluster;
  /** Variant spelling (as first written) → mentions spelled that way, in first-use order. */
  variants: [string, Mention[]][];
}

/**
 * Groups mentions of the same entity: same gazetteer entry; for people, surnames whose stems are
 * equal or within edit distance (compared only inside blocks of stems sharing a two-letter prefix
 * or a three-letter suffix, so the cost stays linear in practice), with compatible first names;
 * a surname alone joins the person last named in full with that surname.
 */
export function clusterMentions(mentions: Mention[]): Cluster[] {
  const parent = mentions.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const byGazetteer = new Map<string, number>();
  mentions.forEach((m, i) => {
    if (!m.gazetteer) return;
    const first = byGazetteer.get(m.gazetteer);
    if (first === undefined) byGazetteer.set(m.gazetteer, i);
    else union(first, i);
  });

  clusterPeople(mentions, union);
  clusterOthers(mentions, union);

  const groups = new Map<number, Mention[]>();
  mentions.forEach((m, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(m);
    groups.set(root, list);
  });
  return [...groups.values()].map((list, n) => ({
    id: `e${n + 1}`,
    type: majorityType(list),
    mentions: list,
    canonical: canonical(list),
  }));
}

function clusterPeople(mentions: Mention[], union: (a: number, b: number) => void): void {
  const people = mentions.flatMap((m, i) => (m.type === 'person' ? [i] : []));
  const stems = new Map<number, string>(people.map((i) => [i, stem(mentions[i]!.words.at(-1)!)]));
  const stemClass = classesOf([...new Set(stems.values())]);
  /** Full-name groups: [stem class, first-name skeleton, representative mention index]. */
  const groups: { cls: number; given: string; rep: number }[] = [];
  const pendingSurnames: number[] = [];
  for (const i of people) {
    const m = mentions[i]!;
    const cls = stemClass.get(stems.get(i)!)!;
    const given = givenName(m);
    if (given === undefined) {
      pendingSurnames.push(i);
      continue;
    }
    const g = groups.find((x) => x.cls === cls && compatibleGiven(x.given, given));
    if (g) union(g.rep, i);
    else groups.push({ cls, given, rep: i });
  }
  const surnameOnly = new Map<number, number>();
  for (const i of pendingSurnames) {
    const cls = stemClass.get(stems.get(i)!)!;
    const surname = mentions[i]!.words.at(-1)!;
    const candidates = groups.filter(
      (g) => g.cls === cls && !genderClash(surname, mentions[g.rep]!.words.at(-1)!),
    );
    if (candidates.length > 0) {
      // Several people share the surname: the one named in full most recently before.
      // Several people share the surname stem (`Navalny`, `Navalnaïa`): the closest spelling, then
      // the one named in full most recently before.
      const own = skeleton(mentions[i]!.words.at(-1)!);
      const distance = (g: { rep: number }) => editDistance(own, skeleton(mentions[g.rep]!.words.at(-1)!), 9);
      const best = Math.min(...candidates.map(distance));
      const closest = candidates.filter((g) => distance(g) === best);
      const before = closest.filter((g) => g.rep < i);
      const chosen = (before.length > 0 ? before : closest).at(-1)!;
      union(chosen.rep, i);
      continue;
    }
    const first = surnameOnly.get(cls);
    if (first === undefined) surnameOnly.set(cls, i);
    else union(first, i);
  }
}

/** Places and organisations outside the gazetteers: same type and similar stem of the whole name. */
function clusterOthers(mentions: Mention[], union: (a: number, b: number) => void): void {
  const others = mentions.flatMap((m, i) => (m.type !== 'person' && !m.gazetteer ? [i] : []));
  const keys = new Map<number, string>(others.map((i) => [i, mentions[i]!.words.map(stem).join('')]));
  const cls = classesOf([...new Set(keys.values())]);
  const first = new Map<string, number>();
  for (const i of others) {
    const key = `${mentions[i]!.type}:${cls.get(keys.get(i)!)}`;
    const f = first.get(key);
    if (f === undefined) first.set(key, i);
    else union(f, i);
  }
  // `Hôpitaux universitaires de Genève (HUG)`: an abbreviation of an organisation's initials.
  const organisations = mentions.flatMap((m, i) =>
    m.type === 'organisation' && m.words.length > 1 ? [i] : [],
  );
  mentions.forEach((m, i) => {
    if (m.type !== 'organisation' || m.words.length !== 1 || !/^\p{Lu}{2,6}$/u.test(m.words[0]!)) return;
    const full = organisations.find((o) => initials(mentions[o]!.words) === m.words[0]);
    if (full !== undefined) union(full, i);
  });
}

/** The initials of a name's words, short connectors left out (`Hôpitaux universitaires de Genève` → `HUG`). */
function initials(words: readonly string[]): string {
  return words
    .filter((w) => w.length > 3 || /^\p{Lu}/u.test(w))
    .map((w) => w.replace(/^\p{Ll}{1,2}['’]/u, '')[0]!.toUpperCase())
    .join('');
}

/**
 * Equivalence classes of stems under `similar`, comparing only stems that share a block: the
 * first two letters, or the last three (`Khodorkovsky`/`Chodorkowski` differ at the start).
 */
function classesOf(stems: string[]): Map<string, number> {
  const parent = stems.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const blocks = new Map<string, number[]>();
  stems.forEach((s, i) => {
    for (const key of blockKeys(s)) {
      const list = blocks.get(key) ?? [];
      for (const j of list) {
        if (find(i) !== find(j) && similar(s, stems[j]!)) parent[find(i)] = find(j);
      }
      list.push(i);
      blocks.set(key, list);
    }
  });
  return new Map(stems.map((s, i) => [s, find(i)]));
}

/** The first-name skeleton of a full mention, or undefined for a surname alone. */
function givenName(m: Mention): string | undefined {
  const first = m.words[0]!;
  return m.words.length >= 2 && !PARTICLES.has(first.toLowerCase()) ? skeleton(first) : undefined;
}

/** Same first name across spellings and typos, or an initial that fits. */
function compatibleGiven(a: string, b: string): boolean {
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (a === b) return true;
  const max = Math.min(a.length, b.length) <= 4 ? 1 : 2;
  return editDistance(a, b, max) <= max;
}

function majorityType(list: Mention[]): EntityType {
  const counts = new Map<EntityType, number>();
  for (const m of list)
    counts.set(m.type, (counts.get(m.type) ?? 0) + (m.evidence === 'known-surname' ? 0.5 : 1));
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

function canonical(list: Mention[]): string {
  const longest = Math.max(...list.map((m) => m.words.length));
  const counts = new Map<string, number>();
  for (const m of list) {
    if (m.words.length !== longest) continue;
    const spelling = m.words.join(' ');
    counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 0;
  for (const [spelling, n] of counts) {
    if (n > bestCount) {
      best = spelling;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Inconsistent spellings inside a cluster: a person's surname (or first name) written two ways,
 * declension aside (`Zełenski`/`Zełenskiego` agree, `Zelensky`/`Zelenski` do not); a place or
 * organisation written two close ways (`Kiev`/`Kyiv`, but not `USA`/`United States`).
 */
export function spellingVariants(cluster: Cluster, lang: string): SpellingVariants | null {
  if (cluster.mentions.length < 2) return null;
  if (cluster.type === 'person') {
    const surname = variantsBy(cluster.mentions, (m) => m.words.at(-1)!, lang);
    if (surname.length > 1) return { cluster, variants: surname };
    const withGiven = cluster.mentions.filter(
      (m) => m.words.length >= 2 && !PARTICLES.has(m.words[0]!.toLowerCase()),
    );
    const given = variantsBy(withGiven, (m) => m.words[0]!, lang);
    return given.length > 1 ? { cluster, variants: given } : null;
  }
  const whole = variantsBy(cluster.mentions, (m) => m.words.join(' '), lang);
  if (whole.length < 2) return null;
  const first = plain(whole[0]![0]);
  const close = whole.filter(([spelling]) => editDistance(first, plain(spelling), 3) <= 3);
  return close.length > 1 ? { cluster, variants: close } : null;
}

function variantsBy(mentions: Mention[], word: (m: Mention) => string, lang: string): [string, Mention[]][] {
  const byKey = new Map<string, [string, Mention[]]>();
  for (const m of mentions) {
    const w = word(m);
    const key = spellingKey(w, lang);
    const entry = byKey.get(key);
    if (entry) entry[1].push(m);
    else byKey.set(key, [w, [m]]);
  }
  return [...byKey.values()];
}
