import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { align } from '../../src/corpus/reuse/align.ts';
import {
  bandKeys,
  estimateJaccard,
  jaccard,
  minhash,
  shingleHashes,
  sketch,
  WINDOW,
  winnow,
  words,
} from '../../src/corpus/reuse/sketch.ts';

/** A deterministic stream of distinct-looking words, so texts of any length can be written. */
function prose(seed: number, count: number): string {
  const syllables = ['ra', 'mo', 'ti', 'len', 'ka', 'sur', 'pe', 'dol', 'vi', 'gar', 'nu', 'bes'];
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const a = syllables[state % 12]!;
    const b = syllables[(state >>> 8) % 12]!;
    const c = syllables[(state >>> 16) % 12]!;
    out.push(a + b + c);
  }
  return out.join(' ');
}

describe('word shingles and MinHash', () => {
  it('finds words with their offsets, lower-cased, apostrophes kept inside words', () => {
    const w = words("L'école d'été ouvre: 12 élèves, Anna's class.");
    assert.deepEqual(w.words, ["l'école", "d'été", 'ouvre', '12', 'élèves', "anna's", 'class']);
    assert.equal(w.starts[2], 14);
    assert.equal(w.ends[2], 19);
  });

  it('estimates the Jaccard similarity of two shingle sets within a few points', () => {
    const base = prose(7, 400).split(' ');
    // Replace every 12th word: about 40% of the shingles change.
    const edited = base.map((w, i) => (i % 12 === 0 ? `x${i}` : w));
    const a = shingleHashes(base);
    const b = shingleHashes(edited);
    const truth = jaccard(a, b);
    const estimate = estimateJaccard(minhash(a), minhash(b));
    assert.ok(truth > 0.3 && truth < 0.8, `true Jaccard ${truth}`);
    assert.ok(Math.abs(estimate - truth) < 0.1, `estimate ${estimate} vs true ${truth}`);
  });

  it('gives identical texts identical signatures and unrelated texts almost none in common', () => {
    const a = minhash(shingleHashes(prose(1, 300).split(' ')));
    const same = minhash(shingleHashes(prose(1, 300).split(' ')));
    const other = minhash(shingleHashes(prose(2, 300).split(' ')));
    assert.equal(estimateJaccard(a, same), 1);
    assert.ok(estimateJaccard(a, other) < 0.05);
  });

  it('LSH: near-duplicates share a band key, unrelated texts share none', () => {
    const base = prose(11, 300);
    const edited = base
      .split(' ')
      .map((w, i) => (i % 40 === 0 ? 'changed' : w))
      .join(' ');
    const keys = new Set(sketch(base).bands);
    assert.ok(sketch(edited).bands.some((k) => keys.has(k)));
    assert.ok(!sketch(prose(12, 300)).bands.some((k) => keys.has(k)));
    assert.ok(bandKeys(minhash(shingleHashes(base.split(' ')))).every(Number.isSafeInteger));
  });
});

describe('winnowing', () => {
  it('selects at least one hash in every window and far fewer hashes than shingles', () => {
    const hashes = shingleHashes(prose(3, 500).split(' '));
    const prints = new Set(winnow(hashes));
    for (let start = 0; start + WINDOW <= hashes.length; start++) {
      const window = [...hashes.subarray(start, start + WINDOW)];
      assert.ok(
        window.some((h) => prints.has(h)),
        `window at ${start} has a fingerprint`,
      );
    }
    assert.ok(prints.size < hashes.length / 3, `${prints.size} prints for ${hashes.length} shingles`);
  });

  it('two texts sharing a passage of 16 words share a fingerprint', () => {
    const passage = prose(5, 16);
    const a = `${prose(20, 80)} ${passage} ${prose(21, 80)}`;
    const b = `${prose(22, 50)} ${passage} ${prose(23, 50)}`;
    const pa = new Set(sketch(a).prints);
    assert.ok(sketch(b).prints.some((p) => pa.has(p)));
  });
});

describe('align: reused passages with their spans', () => {
  const paragraph =
    'The regional water authority confirmed on Tuesday that the reservoir above Lindholm will stay closed to ' +
    'swimmers until the end of August, after inspectors found damaged railings along the northern dam and a ' +
    'loose section of the footbridge near the old pumping station.';

  it('finds a paragraph pasted with small edits into another article, with both spans', () => {
    const original = `Reservoir stays closed\n\nThe town council met late into the evening.\n${paragraph}\nResidents were not consulted, one councillor said.`;
    const edited = paragraph.replace('on Tuesday', 'on Wednesday').replace('damaged', 'broken');
    const copy = `Summer plans in doubt\n\nFamilies had hoped for a long season at the lake. ${edited}\nThe bakery on the square is opening a second shop.`;
    const { passages, jaccard: similarity } = align(original, copy);
    assert.equal(passages.length, 1);
    const [p] = passages;
    const here = original.slice(p!.a.start, p!.a.end);
    const there = copy.slice(p!.b.start, p!.b.end);
    assert.ok(here.startsWith('The regional water authority'), here);
    assert.ok(here.endsWith('old pumping station'), here);
    assert.ok(there.startsWith('The regional water authority'), there);
    assert.ok(there.endsWith('old pumping station'), there);
    assert.ok(p!.similarity > 0.7 && p!.similarity < 1, `similarity ${p!.similarity}`);
    assert.ok(similarity < 0.5, 'the articles as a whole are not near-duplicates');
  });

  it('finds no passage between articles that only share common phrases', () => {
    const a =
      'The mayor said on Monday that the budget for the new school will be approved next week by the council.';
    const b =
      'Police said on Monday that the road near the station will be closed next week for repairs to the bridge.';
    assert.deepEqual(align(a, b).passages, []);
  });

  it('gives a whole-article near-duplicate one passage covering both texts', () => {
    const text = `${paragraph} ${prose(40, 120)}`;
    const copy = text.replace('inspectors', 'engineers');
    const { passages, jaccard: similarity } = align(text, copy);
    assert.equal(passages.length, 1);
    assert.deepEqual(passages[0]!.a, { start: 0, end: text.length });
    assert.ok(similarity > 0.9);
  });
});
