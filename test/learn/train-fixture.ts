/**
 * A small synthetic training set in the SemEval layout, written to a temporary folder: opinion
 * articles full of loaded words and doubt, reporting articles of attributed facts, with frames and
 * techniques that follow the wording, so a model trained on it has clear signals to find.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainAll } from '../../src/learn/train.ts';
import type { Finding } from '../../src/pipeline/finding.ts';

interface Para {
  text: string;
  techniques: string[];
  frames: string[];
}

const LOADED: Para[] = [
  {
    text: 'This disgraceful scheme is an outrageous insult to every hard-working family.',
    techniques: ['Loaded_Language', 'Name_Calling-Labeling'],
    frames: ['Economic'],
  },
  {
    text: 'Only a reckless and shameful government could sell out the nation like this!',
    techniques: ['Loaded_Language'],
    frames: ['Political'],
  },
  {
    text: 'Can anyone honestly trust these cooked figures from the ministry any more?',
    techniques: ['Doubt'],
    frames: ['Political'],
  },
  {
    text: 'Everyone already knows the people have rejected this disgraceful tax grab.',
    techniques: ['Appeal_to_Popularity', 'Loaded_Language'],
    frames: ['Economic'],
  },
];

const FACTUAL: Para[] = [
  {
    text: 'The ministry said on Tuesday that the budget would be published next month.',
    techniques: [],
    frames: ['Economic'],
  },
  {
    text: 'According to the statistics agency, prices rose by two percent in March.',
    techniques: [],
    frames: ['Economic'],
  },
  {
    text: 'The minister told reporters that the election will take place in October.',
    techniques: [],
    frames: ['Political'],
  },
  {
    text: 'Officials confirmed that the bridge will reopen to traffic on Monday.',
    techniques: [],
    frames: [],
  },
];

export interface Fixture {
  data: string;
  models: string;
}

/** Writes `<root>/en/` with `articles` opinion and reporting articles and their label files. */
export function writeSyntheticData(root: string, articles = 16): string {
  const dir = join(root, 'en');
  mkdirSync(join(dir, 'articles'), { recursive: true });
  const st1: string[] = [];
  const st2: string[] = [];
  const st3: string[] = [];
  for (let i = 0; i < articles; i++) {
    const id = String(100 + i);
    const opinion = i % 2 === 0;
    const pool = opinion ? LOADED : FACTUAL;
    const paras = [0, 1, 2].map((k) => pool[(i + k) % pool.length]!);
    if (opinion) paras.push(FACTUAL[i % FACTUAL.length]!);
    const title = opinion ? 'A shameful budget for a shameful ministry' : 'Ministry publishes budget figures';
    const text = `${title}\n\n${paras.map((p) => p.text).join('\n')}\n`;
    writeFileSync(join(dir, 'articles', `article${id}.txt`), text);
    st1.push(`${id}\t${opinion ? 'opinion' : 'reporting'}`);
    st2.push(`${id}\t${[...new Set(paras.flatMap((p) => p.frames))].sort().join(',')}`);
    st3.push(`${id}\t1\t${opinion ? 'Loaded_Language' : ''}`);
    paras.forEach((p, k) => {
      st3.push(`${id}\t${k + 3}\t${p.techniques.join(',')}`);
    });
  }
  writeFileSync(join(dir, 'labels-subtask-1.tsv'), `${st1.join('\n')}\n`);
  writeFileSync(join(dir, 'labels-subtask-2.tsv'), `${st2.join('\n')}\n`);
  writeFileSync(join(dir, 'labels-subtask-3.tsv'), `${st3.join('\n')}\n`);
  return dir;
}

/** Synthetic data and models trained on it (`en` and `multi`), in a fresh temporary folder. */
export function trainedFixture(): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'spinlens-train-'));
  writeSyntheticData(join(root, 'data'));
  const models = join(root, 'models');
  trainAll(join(root, 'data'), models, { command: 'test' });
  return { data: join(root, 'data'), models };
}

/** Every evidence span lies inside the text and names the characters it covers. */
export function assertEvidenceSlices(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    for (const e of f.evidence ?? []) {
      if (!e.span) continue;
      assert.ok(e.span.start >= 0 && e.span.end <= text.length && e.span.start < e.span.end);
      const words = e.feature
        .replace(/^[a-z]+:/, '')
        .replace(/^"|"$/g, '')
        .trim()
        .toLowerCase();
      if (/^(word|title|neighbour):/.test(e.feature)) {
        assert.equal(text.slice(e.span.start, e.span.end).toLowerCase(), words, e.feature);
      } else if (e.feature.startsWith('char:')) {
        assert.ok(
          text.slice(e.span.start, e.span.end).toLowerCase().includes(words.trim().split(' ')[0]!),
          e.feature,
        );
      }
    }
  }
}
