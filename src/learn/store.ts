/**
 * Shipped models, loaded lazily: one file per language the first time an article in that
 * language is analysed, then kept. Languages without a model get the multilingual one, flagged
 * low-confidence. Scores of an article are cached per head (for the last few Article objects), so the
 * genre, frames and techniques analysers share feature extraction.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../article/article.ts';
import { type Head, loadModel, MODEL_EXTENSION, type Model, type Vocabulary } from './model.ts';
import { decisionValues } from './predict.ts';
import { RecentCache } from './recent.ts';
import { ArticleFeatures, type SlotRows } from './slots.ts';
import { MULTILINGUAL } from './train.ts';

/** `models/` at the package root (from src/learn or dist/learn alike). */
export const DEFAULT_MODEL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models');

export interface Chosen {
  model: Model;
  /** True when the multilingual fallback answers for a language without its own model. */
  lowConfidence: boolean;
}

export class ModelStore {
  readonly dir: string;
  readonly #cache = new Map<string, Model | null>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The model file of a language, loaded once; undefined when there is none. */
  load(language: string): Model | undefined {
    let m = this.#cache.get(language);
    if (m === undefined) {
      const path = join(this.dir, `${language}${MODEL_EXTENSION}`);
      m = existsSync(path) ? loadModel(path) : null;
      this.#cache.set(language, m);
    }
    return m ?? undefined;
  }

  /** The language's own model, else the multilingual one (low confidence), else undefined. */
  choose(language: string): Chosen | undefined {
    const own = language === MULTILINGUAL ? undefined : this.load(language);
    if (own) return { model: own, lowConfidence: false };
    const multi = this.load(MULTILINGUAL);
    return multi ? { model: multi, lowConfidence: true } : undefined;
  }

  /** Languages with a model file loaded so far. */
  loaded(): string[] {
    return [...this.#cache].filter(([, m]) => m).map(([l]) => l);
  }
}

let shared: ModelStore | undefined;

/** The store analysers use: $SPINLENS_MODELS, else the package's `models/`. */
export function defaultModelStore(): ModelStore {
  shared ??= new ModelStore(process.env.SPINLENS_MODELS ?? DEFAULT_MODEL_DIR);
  return shared;
}

export interface Scored {
  raw: SlotRows;
  /** Decision values, units × labels. */
  z: Float64Array;
}

const featureCache = new RecentCache<Article, Map<Vocabulary, ArticleFeatures>>();
const scoreCache = new RecentCache<Article, Map<Head, Scored>>();

/**
 * Feature rows and decision values of an article's units for a head, computed once per article:
 * heads of one model share the article's feature pieces, and heads with the same unit and
 * feature configuration share their rows.
 */
export function scoreArticle(article: Article, head: Head): Scored {
  let scores = scoreCache.get(article);
  if (!scores) {
    scores = new Map();
    scoreCache.set(article, scores);
  }
  const hit = scores.get(head);
  if (hit) return hit;
  let byVocab = featureCache.get(article);
  if (!byVocab) {
    byVocab = new Map();
    featureCache.set(article, byVocab);
  }
  let features = byVocab.get(head.vocab);
  if (!features) {
    features = new ArticleFeatures(article, head.vocab);
    byVocab.set(head.vocab, features);
  }
  const raw = features.rows(head.unit, head.features);
  const scored = { raw, z: decisionValues(head, raw) };
  scores.set(head, scored);
  return scored;
}
