import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analysersByName } from '../../src/analysers/registry.ts';
import { openInputs } from '../../src/article/sources.ts';
import {
  type Comparison,
  compareReports,
  containment,
  normalizedWords,
  shingles,
} from '../../src/corpus/compare.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { buildReport, type Report } from '../../src/pipeline/report.ts';
import { spinlens } from '../cli/helpers.ts';
import { articleFromText, semevalText } from '../helpers.ts';
import { handMadeReports, storeWith } from './stats-fixtures.ts';

const TIMES = 'test/fixtures/compare/shelter-times.txt';
const BUGLE = 'test/fixtures/compare/shelter-bugle.txt';
const ANALYSERS = ['quotes', 'entities'];

let scratch: string;
let db: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-compare-'));
  db = join(scratch, 'compare.db');
  const pipeline = new Pipeline(analysersByName(ANALYSERS));
  const bugle: Report[] = [];
  for await (const item of (await openInputs([BUGLE])).items)
    if (item.ok) bugle.push(await pipeline.analyse(item.article));
  storeWith(db, [...handMadeReports(), ...bugle]);
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function compareFiles(...args: string[]): Promise<Comparison> {
  const { code, stdout, stderr } = await spinlens([
    'compare',
    '--db',
    db,
    '-a',
    ANALYSERS.join(','),
    '-f',
    'json',
    ...args,
  ]);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as Comparison;
}

describe('spinlens compare', () => {
  it('matches quotes across articles, ignoring case, accents and punctuation, and keeps a shortened one', () => {
    const a = shingles(
      normalizedWords('« Nous ne pouvons pas garder le bâtiment ouvert un hiver de plus », a dit la maire.'),
    );
    const b = shingles(normalizedWords('nous ne pouvons pas garder le batiment ouvert'));
    assert.equal(containment(a, b), 1);
    assert.ok(containment(a, shingles(normalizedWords('le marché rouvre en avril'))) < 0.2);
  });

  it('sets two files side by side: shared and unique quotes, claims no other article makes', async () => {
    const result = await compareFiles(TIMES, BUGLE);
    assert.deepEqual(
      result.articles.map((a) => [a.key, a.id]),
      [
        ['A', 'shelter-times'],
        ['B', 'shelter-bugle'],
      ],
    );
    assert.equal(result.quotes.shared.length, 1);
    const shared = result.quotes.shared[0]!;
    assert.match(shared.text, /^We simply cannot afford/);
    assert.deepEqual(
      shared.in.map((o) => [o.article, o.line]),
      [
        ['A', 4],
        ['B', 4],
      ],
    );
    assert.ok(
      result.quotes.unique.some((g) => g.in[0]!.article === 'B' && /^Nobody from the council/.test(g.text)),
    );
    assert.ok(result.quotes.unique.every((g) => !/cannot afford/.test(g.text)));

    const claims = (key: string) => result.claims.find((c) => c.article === key)!.unique.map((s) => s.line);
    // Line 3 is the same sentence in both; the quote on line 4 is shared too.
    assert.deepEqual(claims('A'), [5, 6]);
    assert.deepEqual(claims('B'), [5, 6]);
    assert.match(result.claims[1]!.unique[0]!.text, /fountain/);
  });

  it('takes stored articles by id and files alike, and prints a readable text comparison', async () => {
    const mixed = await compareFiles(TIMES, 'shelter-bugle');
    assert.equal(mixed.quotes.shared.length, 1);
    const { code, stdout } = await spinlens([
      'compare',
      '--db',
      db,
      '-a',
      ANALYSERS.join(','),
      TIMES,
      'shelter-bugle',
    ]);
    assert.equal(code, 0);
    assert.match(stdout, /in several articles \(1\)\n {2}“We simply cannot afford/);
    assert.match(stdout, /only in B \(2\)/);
    assert.match(stdout, /B: 2 of 4 sentences\n {4}line 5 {2}Critics say/);
  });

  it('counts techniques per article and matches entity names fuzzily', () => {
    const [bugle1, bugle2] = handMadeReports();
    // Each name written once at the end of the article's text, found there by an entities finding.
    const people = (report: Report, names: string[]): Report => {
      let text = report.article.text;
      const findings = names.map((name, i) => {
        const start = text.length;
        text += `${name}\n`;
        return {
          analyser: 'entities',
          label: 'person',
          score: 0.8,
          span: { start, end: start + name.length },
          attributes: { entity: `e${i}`, canonical: name },
        };
      });
      return { ...report, article: { ...report.article, text }, findings: [...report.findings, ...findings] };
    };
    const result = compareReports([
      people(bugle1!, ['Helen Carver', 'Tom Ardley']),
      people(bugle2!, ['Carver', 'Ana Silva']),
    ]);
    assert.deepEqual(
      result.techniques.map((t) => [t.label, t.counts]),
      [
        ['Doubt', { A: 1, B: 1 }],
        ['Loaded_Language', { A: 2, B: 0 }],
      ],
    );
    assert.deepEqual(
      result.entities.shared.map((g) => g.in.map((m) => `${m.article}:${m.name}`)),
      [['A:Helen Carver', 'B:Carver']],
    );
    assert.deepEqual(result.entities.unique.map((g) => g.name).sort(), ['Ana Silva', 'Tom Ardley']);
    assert.equal(result.articles[0]!.genre, 'opinion');
    assert.deepEqual(result.articles[0]!.frames, ['Political', 'Morality']);
  });

  it('compares outlets over the store side by side', async () => {
    const { code, stdout } = await spinlens(['compare', '--db', db, '--outlets', 'Le Matin,Daily Bugle']);
    assert.equal(code, 0);
    assert.match(stdout, /\s+Le Matin\s+Daily Bugle\n/);
    assert.match(stdout, /Loaded_Language\s+500\s+285\.71/);
    const json = await spinlens(['compare', '--db', db, '--outlets', 'Le Matin,Daily Bugle', '-f', 'json']);
    const parsed = JSON.parse(json.stdout) as { groups: { group: string; articles: number }[] };
    assert.deepEqual(
      parsed.groups.map((g) => [g.group, g.articles]),
      [
        ['Le Matin', 1],
        ['Daily Bugle', 2],
      ],
    );
    const missing = await spinlens(['compare', '--db', db, '--outlets', 'Le Matin,Nowhere Post']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no articles from Nowhere Post/);
  });

  it('usage: one article is not a comparison; an unknown id is an input error', async () => {
    assert.equal((await spinlens(['compare', '--db', db, TIMES])).code, 2);
    const unknown = await spinlens(['compare', '--db', db, 'bugle-1', 'no-such-id']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no-such-id: no such file, and no article with this id/);
  });
});

// Keeps the helpers honest: a report built from text without quotes compares to nothing shared.
describe('compareReports on articles without shared text', () => {
  it('finds no shared quote and every sentence unique', () => {
    const one = articleFromText(
      semevalText('Bridge works begin', [
        'Repairs to the old iron bridge over the river began on Monday morning.',
      ]),
      { id: 'one', lang: 'en' },
    );
    const two = articleFromText(
      semevalText('Library extends hours', [
        'The central library will open until nine in the evening from next week.',
      ]),
      { id: 'two', lang: 'en' },
    );
    const result = compareReports([buildReport(one, [], [], {}), buildReport(two, [], [], {})]);
    assert.equal(result.quotes.shared.length, 0);
    assert.deepEqual(
      result.claims.map((c) => c.unique.length),
      [1, 1],
    );
  });
});
