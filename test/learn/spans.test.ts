import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../../src/eval/dataset.ts';
import {
  bestSpan,
  decodeSpans,
  decodeUnreported,
  insideTokens,
  paramsFor,
} from '../../src/learn/spans/decode.ts';
import {
  articleTokens,
  predictSpans,
  predictUnreportedSpans,
  trainSpanModel,
} from '../../src/learn/spans/model.ts';
import { decodeSpanModel, encodeSpanModel } from '../../src/learn/spans/model-io.ts';
import { DEFAULT_TAGGER } from '../../src/learn/spans/tagger.ts';
import { FEATURES_PER_TOKEN, paragraphTokens } from '../../src/learn/spans/tokens.ts';
import { trainSpans } from '../../src/learn/spans/train.ts';
import { stemmerFor } from '../../src/learn/stem.ts';
import { articleFromText, semevalText } from '../helpers.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'spans', 'fr');
const SMALL = { ...DEFAULT_TAGGER, bits: 14 };

function tokensOf(text: string) {
  const article = articleFromText(semevalText('Un titre', [text]), { lang: 'fr' });
  const p = article.paragraphs[1]!;
  return { article, p, tokens: paragraphTokens(article.text, p, stemmerFor('fr'), new Map()) };
}

test('paragraph tokens carry word offsets and a fixed number of features', () => {
  const { article, tokens } = tokensOf("Ils l'ont dit : « c'est une honte ».");
  const words = Array.from(tokens.starts, (s, i) => article.text.slice(s, tokens.ends[i]));
  assert.deepEqual(words, ['Ils', 'l', 'ont', 'dit', 'c', 'est', 'une', 'honte']);
  assert.equal(tokens.features.length, tokens.n * FEATURES_PER_TOKEN);
});

test('gold spans starting or ending inside a word label the words whose middle they cover', () => {
  const { article, p, tokens } = tokensOf('Le projet est une véritable catastrophe nationale.');
  const base = p.start;
  const at = (w: string) => base + p.text.indexOf(w);
  // Starts in the last letters of "une", ends two letters into "nationale".
  const inside = insideTokens(tokens, [{ start: at('une') + 2, end: at('nationale') + 2 }]);
  const words = Array.from(tokens.starts, (s, i) => article.text.slice(s, tokens.ends[i]));
  assert.deepEqual(
    words.filter((_, i) => inside[i] === 1),
    ['véritable', 'catastrophe'],
  );
});

test('the best span is snapped to word boundaries and grows over tokens above the threshold', () => {
  const { article, tokens } = tokensOf('Le projet est une véritable catastrophe nationale.');
  const p = Float32Array.from([0.01, 0.02, 0.05, 0.3, 0.8, 0.9, 0.2]);
  const s = bestSpan(tokens, p, 0.1)!;
  assert.equal(article.text.slice(s.start, s.end), 'une véritable catastrophe nationale');
  assert.equal(s.belowThreshold, false);
  // Nothing reaches the threshold: still one span, around the strongest token, flagged.
  const weak = bestSpan(tokens, Float32Array.from([0, 0, 0, 0.01, 0.05, 0.02, 0]), 0.1)!;
  assert.equal(article.text.slice(weak.start, weak.end), 'véritable');
  assert.equal(weak.belowThreshold, true);
});

test('confident further regions become further spans of the same technique, best first', () => {
  const { article, tokens } = tokensOf(
    'Ces bandits ont volé la caisse, ces voyous la videront encore demain.',
  );
  // ces bandits | ont volé la caisse | ces voyous | la videront encore demain
  const p = Float32Array.from([0.6, 0.9, 0.05, 0.02, 0.01, 0.05, 0.2, 0.7, 0.05, 0.02, 0.01, 0.02]);
  const words = (params: Parameters<typeof decodeSpans>[2]) =>
    decodeSpans(tokens, p, params).map((s) => article.text.slice(s.start, s.end));
  assert.deepEqual(words({ threshold: 0.3, extra: 2, maxSpans: 5 }), ['Ces bandits']);
  assert.deepEqual(words({ threshold: 0.3, extra: 0.6, maxSpans: 5 }), ['Ces bandits', 'voyous']);
  // A low threshold bridges the weak words between the two regions instead.
  assert.deepEqual(words({ threshold: 0.1, extra: 0.6, maxSpans: 5 }), [
    'Ces bandits ont volé la caisse, ces voyous',
  ]);
  // The second region is not confident enough, or one span is the most allowed.
  assert.deepEqual(words({ threshold: 0.3, extra: 0.8, maxSpans: 5 }), ['Ces bandits']);
  assert.deepEqual(words({ threshold: 0.3, extra: 0.6, maxSpans: 1 }), ['Ces bandits']);
});

test('a doubtful paragraph keeps its best span but needs more token evidence for further ones', () => {
  const { article, tokens } = tokensOf(
    'Ces bandits ont volé la caisse, ces voyous la videront encore demain.',
  );
  const p = Float32Array.from([0.6, 0.9, 0.05, 0.02, 0.01, 0.05, 0.2, 0.7, 0.05, 0.02, 0.01, 0.02]);
  const params = { threshold: 0.3, extra: 0.5, maxSpans: 5 };
  const words = (prior: number) =>
    decodeSpans(tokens, p, params, prior).map((s) => article.text.slice(s.start, s.end));
  // Confidence of the second region = prior × 0.7.
  assert.deepEqual(words(1), ['Ces bandits', 'voyous']);
  assert.deepEqual(words(0.8), ['Ces bandits', 'voyous']);
  assert.deepEqual(words(0.6), ['Ces bandits']);
});

test('a technique the classifier did not report gets only spans confident enough, none forced', () => {
  const { article, tokens } = tokensOf(
    'Ces bandits ont volé la caisse, ces voyous la videront encore demain.',
  );
  const p = Float32Array.from([0.6, 0.9, 0.05, 0.02, 0.01, 0.05, 0.2, 0.7, 0.05, 0.02, 0.01, 0.02]);
  const words = (params: Parameters<typeof decodeUnreported>[2], prior: number) =>
    decodeUnreported(tokens, p, params, prior).map((s) => article.text.slice(s.start, s.end));
  const base = { threshold: 0.3, extra: 0.3, maxSpans: 5 };
  assert.deepEqual(words(base, 0.9), []);
  assert.deepEqual(words({ ...base, add: 0.5 }, 0.9), ['Ces bandits', 'voyous']);
  assert.deepEqual(words({ ...base, add: 0.7 }, 0.9), ['Ces bandits']);
  assert.deepEqual(words({ ...base, add: 0.7 }, 0.5), []);
});

test('spans of unreported techniques: only those whose classifier probability can reach the cut are decoded', () => {
  const ds = loadDataset(FIXTURE);
  const articles = ds.articles.map((a) => ({ article: a.article, spans: a.spans ?? [] }));
  const trained = trainSpanModel('fr', articles, SMALL);
  const model = {
    ...trained,
    decode: { base: { threshold: 0.3, extra: 2, maxSpans: 1, add: 0.3 }, byTechnique: {} },
  };
  const { model: read } = decodeSpanModel(encodeSpanModel(model, 'hash', 'test'));
  assert.equal(read.decode.base.add, 0.3);
  const tokens = articleTokens(ds.articles[0]!.article, 'fr')[1]!;
  const probabilities = new Map([
    ['Doubt', 0.2],
    ['Loaded_Language', 1],
  ]);
  const found = predictUnreportedSpans(read, tokens, probabilities);
  assert.deepEqual(
    found.map((s) => s.technique),
    ['Loaded_Language'],
  );
  const none = predictUnreportedSpans(trained, tokens, probabilities);
  assert.deepEqual(none, []);
});

test('a technique with its own decoding parameters uses them, the others the base ones', () => {
  const base = { threshold: 0.1, extra: 2, maxSpans: 1 };
  const own = { threshold: 0.4, extra: 0.6, maxSpans: 3 };
  const decoding = { base, byTechnique: { Loaded_Language: own } };
  assert.equal(paramsFor(decoding, 'Loaded_Language'), own);
  assert.equal(paramsFor(decoding, 'Doubt'), base);
});

test('training on the fixture is deterministic, and the model file round-trips', () => {
  const ds = loadDataset(FIXTURE);
  const articles = ds.articles.map((a) => ({ article: a.article, spans: a.spans ?? [] }));
  const one = encodeSpanModel(trainSpanModel('fr', articles, SMALL), 'hash', 'test');
  const two = encodeSpanModel(trainSpanModel('fr', articles, SMALL), 'hash', 'test');
  assert.ok(one.equals(two));
  const original = trainSpanModel('fr', articles, SMALL);
  const { model, header } = decodeSpanModel(one);
  assert.equal(header.language, 'fr');
  assert.equal(model.tagger.bits, 14);
  let maxAbs = 0;
  let maxErr = 0;
  original.tagger.weights.forEach((w, i) => {
    maxAbs = Math.max(maxAbs, Math.abs(w));
    maxErr = Math.max(maxErr, Math.abs(w - model.tagger.weights[i]!));
  });
  assert.ok(maxErr <= maxAbs / 32767);
  assert.throws(() => decodeSpanModel(one.subarray(0, one.length - 2)), /truncated/);
});

test('decoding parameters round-trip through the model file', () => {
  const ds = loadDataset(FIXTURE);
  const articles = ds.articles.map((a) => ({ article: a.article, spans: a.spans ?? [] }));
  const decode = {
    base: { threshold: 0.2, extra: 0.7, maxSpans: 3 },
    byTechnique: { Doubt: { threshold: 0.05, extra: 2, maxSpans: 1 } },
  };
  const bytes = encodeSpanModel({ ...trainSpanModel('fr', articles, SMALL), decode }, 'hash', 'test');
  assert.deepEqual(decodeSpanModel(bytes).model.decode, decode);
});

test('trainSpans writes one model per language folder, bit for bit the same on a rerun', () => {
  const out1 = mkdtempSync(join(tmpdir(), 'spans-'));
  const out2 = mkdtempSync(join(tmpdir(), 'spans-'));
  const [path1] = trainSpans(FIXTURE, out1);
  const [path2] = trainSpans(FIXTURE, out2);
  assert.ok(path1?.endsWith('spans-fr.bin'));
  assert.ok(readFileSync(path1!).equals(readFileSync(path2!)));
});

test('a trained model finds a learnt cue again in a new sentence', () => {
  const ds = loadDataset(FIXTURE);
  const articles = ds.articles.map((a) => ({ article: a.article, spans: a.spans ?? [] }));
  const model = trainSpanModel('fr', articles, { ...SMALL, epochs: 20 });
  const article = articleFromText(
    semevalText('Un autre titre', ['La mairie a publié les comptes. Selon les experts, tout ira bien.']),
    { lang: 'fr' },
  );
  const tokens = articleTokens(article, 'fr');
  const [s] = predictSpans(model, tokens[1]!, ['Appeal_to_Authority']);
  assert.ok(s);
  assert.match(article.text.slice(s.start, s.end), /experts/);
});
