/**
 * Token tagger: for technique t, the probability that a token lies inside a span of t, given
 * that the paragraph uses t. A logistic model over hashed token features trained by seeded SGD.
 * Each feature fires in three layers — the technique's own, its category's, and one shared by
 * all techniques — so rare techniques borrow what their category (and any span) looks like.
 * All layers live in one hashed weight table (a Float32Array), so a model is one array.
 */
import { mix } from '../hash.ts';
import { TECHNIQUE_CATEGORIES, TECHNIQUES } from '../labels.ts';
import { rng } from '../random.ts';
import { FEATURES_PER_TOKEN, type ParagraphTokens } from './tokens.ts';

export const LAYERS = 3;
/** Weight rows per token. */
export const ROWS_PER_TOKEN = FEATURES_PER_TOKEN * LAYERS;

const seedOf = (key: number): number => mix(Math.imul(key + 1, 0x9e3779b1) ^ 0x7f4a7c15);
const CATEGORIES = [...new Set(Object.values(TECHNIQUE_CATEGORIES))];

function layerSeeds(t: number): number[] {
  const name = TECHNIQUES[t];
  const category = name ? CATEGORIES.indexOf(TECHNIQUE_CATEGORIES[name]) : -1;
  return [seedOf(t), seedOf(100 + category), seedOf(1000)];
}

export interface TaggerOptions {
  bits: number;
  epochs: number;
  /** Initial SGD step. */
  rate: number;
  seed: number;
}

export const DEFAULT_TAGGER: TaggerOptions = { bits: 18, epochs: 6, rate: 0.1, seed: 1 };

export interface TokenTagger {
  bits: number;
  /** (1 << bits) weights. */
  weights: Float32Array;
}

/** One training sequence: a paragraph, a technique and which tokens lie inside its spans. */
export interface TagInstance {
  tokens: ParagraphTokens;
  technique: number;
  inside: Uint8Array;
}

/** Weight rows of every feature of every token for technique `t`. */
export function rowsOf(tokens: ParagraphTokens, t: number, bits: number): Uint32Array {
  const mask = (1 << bits) - 1;
  const seeds = layerSeeds(t);
  const F = FEATURES_PER_TOKEN;
  const out = new Uint32Array(tokens.n * ROWS_PER_TOKEN);
  for (let i = 0; i < tokens.n; i++) {
    for (let l = 0; l < LAYERS; l++) {
      const o = i * ROWS_PER_TOKEN + l * F;
      for (let k = 0; k < F; k++) out[o + k] = mix(tokens.features[i * F + k]! ^ seeds[l]!) & mask;
    }
  }
  return out;
}

function logit(weights: Float32Array, rows: Uint32Array, i: number): number {
  let z = 0;
  for (let k = i * ROWS_PER_TOKEN; k < (i + 1) * ROWS_PER_TOKEN; k++) z += weights[rows[k]!]!;
  return z;
}

/**
 * Each layer's share of every token's logit, per paragraph and tagger: the category and shared
 * layers are the same for every technique of a paragraph, so they are summed once, not once per
 * technique the paragraph is asked about.
 */
const layerSums = new WeakMap<ParagraphTokens, { tagger: TokenTagger; bySeed: Map<number, Float64Array> }>();

function layerSum(tagger: TokenTagger, tokens: ParagraphTokens, seed: number): Float64Array {
  let cache = layerSums.get(tokens);
  if (!cache || cache.tagger !== tagger) {
    cache = { tagger, bySeed: new Map() };
    layerSums.set(tokens, cache);
  }
  let sums = cache.bySeed.get(seed);
  if (sums) return sums;
  const mask = (1 << tagger.bits) - 1;
  const F = FEATURES_PER_TOKEN;
  const { weights } = tagger;
  const { features } = tokens;
  sums = new Float64Array(tokens.n);
  for (let i = 0; i < tokens.n; i++) {
    let z = 0;
    for (let k = i * F; k < (i + 1) * F; k++) z += weights[mix(features[k]! ^ seed) & mask]!;
    sums[i] = z;
  }
  cache.bySeed.set(seed, sums);
  return sums;
}

/** P(token inside a span of technique t) for every token of the paragraph. */
export function tokenProbabilities(tagger: TokenTagger, tokens: ParagraphTokens, t: number): Float32Array {
  const [own, category, shared] = layerSeeds(t).map((seed) => layerSum(tagger, tokens, seed)) as [
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const p = new Float32Array(tokens.n);
  for (let i = 0; i < tokens.n; i++) p[i] = 1 / (1 + Math.exp(-(own[i]! + category[i]! + shared[i]!)));
  return p;
}

/** Trains the tagger; instances are visited in a seeded shuffled order, so runs are identical. */
export function trainTagger(
  instances: readonly TagInstance[],
  options: TaggerOptions = DEFAULT_TAGGER,
): TokenTagger {
  const weights = new Float32Array(1 << options.bits);
  const rows = instances.map((x) => rowsOf(x.tokens, x.technique, options.bits));
  const order = Int32Array.from(instances.keys());
  const random = rng(options.seed);
  // Every token has ROWS_PER_TOKEN active features of value 1: scale the step so z moves by ~rate.
  const scale = 1 / Math.sqrt(ROWS_PER_TOKEN);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const idx of order) {
      const inst = instances[idx]!;
      const r = rows[idx]!;
      for (let i = 0; i < inst.tokens.n; i++) {
        const p = 1 / (1 + Math.exp(-logit(weights, r, i)));
        const g = ((p - inst.inside[i]!) * options.rate * scale) / (1 + step++ * 1e-6);
        for (let k = i * ROWS_PER_TOKEN; k < (i + 1) * ROWS_PER_TOKEN; k++) weights[r[k]!]! -= g;
      }
    }
  }
  return { bits: options.bits, weights };
}
