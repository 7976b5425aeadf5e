/** The Corpus and Compare pages' pure parts: routes, chart numbers, reuse notes, error bodies. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorOf } from '../../web/src/api.ts';
import {
  formatRate,
  genreMix,
  rateMatrix,
  techniqueRates,
  trendPoints,
} from '../../web/src/corpus/charts.ts';
import type { CorpusStats, GroupStats, ReuseResult } from '../../web/src/corpus/types.ts';
import { translator } from '../../web/src/i18n.ts';
import { excerpt, panelGroups, type Report } from '../../web/src/model.ts';
import { reuseChecked, reuseNotes, reuseSummary, reuseTitles } from '../../web/src/reuse.ts';
import { articleHash, compareHash, compareIds, corpusHash, parseRoute } from '../../web/src/route.ts';
import { articleFromText, semevalText } from '../helpers.ts';

test('hash routes: pages, an article id with any characters, the corpus filters and compared ids', () => {
  assert.equal(parseRoute('').page, 'analyse');
  assert.equal(parseRoute('#/').page, 'analyse');
  assert.equal(parseRoute('#para-3').page, 'analyse');
  const corpus = parseRoute(corpusHash({ q: 'port fees', lang: 'fr', outlet: '', offset: 20 }));
  assert.equal(corpus.page, 'corpus');
  assert.equal(corpus.params.get('q'), 'port fees');
  assert.equal(corpus.params.get('offset'), '20');
  assert.equal(corpus.params.has('outlet'), false, 'empty filters are left out');
  assert.equal(corpusHash({}), '#/corpus');

  const id = 'dir/a b?c#d,é';
  assert.deepEqual(parseRoute(articleHash(id)), { page: 'article', id, params: new URLSearchParams() });
  assert.equal(parseRoute('#/article/%E0%A4%A').id, '%E0%A4%A', 'a broken escape is kept as written');

  const compare = parseRoute(compareHash(['a,1', 'b', 'a,1']));
  assert.equal(compare.page, 'compare');
  // An id holding a comma is cut in two: ids come from file names and record ids, which rarely hold one.
  assert.deepEqual(compareIds(parseRoute(compareHash(['x', 'y', 'x', ' z '])).params), ['x', 'y', 'z']);
  assert.equal(compareHash([]), '#/compare');
});

function group(
  name: string,
  articles: number,
  paragraphs: number,
  extra: Partial<GroupStats> = {},
): GroupStats {
  return { group: name, articles, paragraphs, genres: [], frames: [], techniques: [], terms: [], ...extra };
}

const STATS: CorpusStats = {
  by: 'outlet',
  technique: null,
  groups: [
    group('Daily Bugle', 2, 7, {
      genres: [
        { label: 'opinion', count: 1, per1000: 142.9, share: 0.5 },
        { label: 'reporting', count: 1, per1000: 142.9, share: 0.5 },
      ],
      techniques: [
        { label: 'Loaded_Language', count: 2, per1000: (2 * 1000) / 7 },
        { label: 'Doubt', count: 2, per1000: (2 * 1000) / 7 },
      ],
      frames: [{ label: 'Political', count: 2, per1000: (2 * 1000) / 7, share: 1 }],
    }),
    group('Le Matin', 3, 8, {
      genres: [{ label: 'reporting', count: 2, per1000: 250, share: 2 / 3 }],
      techniques: [{ label: 'Loaded_Language', count: 1, per1000: 125 }],
    }),
    group('(none)', 1, 0),
  ],
  trend: [
    { month: '2024-01', articles: 2, paragraphs: 6, techniques: 3, per1000: 500 },
    { month: '2024-02', articles: 1, paragraphs: 3, techniques: 0, per1000: 0 },
    { month: '2024-03', articles: 1, paragraphs: 4, techniques: 1, per1000: 250 },
  ],
};

test('chart numbers: technique rates per group, label × group matrices, genre mix, trend points', () => {
  assert.deepEqual(
    techniqueRates(STATS).map((r) => [r.group, r.count, formatRate(r.per1000)]),
    [
      ['Daily Bugle', 4, '571.4'],
      ['Le Matin', 1, '125.0'],
      ['(none)', 0, '0.0'],
    ],
  );

  const techniques = rateMatrix(STATS, 'techniques');
  assert.deepEqual(techniques.groups, ['Daily Bugle', 'Le Matin', '(none)']);
  // Most frequent overall first: Loaded_Language 3, Doubt 2.
  assert.deepEqual(
    techniques.rows.map((r) => [r.label, r.cells.map((c) => c.count)]),
    [
      ['Loaded_Language', [2, 1, 0]],
      ['Doubt', [2, 0, 0]],
    ],
  );
  assert.equal(formatRate(techniques.max), '285.7');
  assert.deepEqual(
    rateMatrix(STATS, 'frames').rows.map((r) => r.label),
    ['Political'],
  );

  // One article of Le Matin has no predicted genre: it shows as its own part.
  assert.deepEqual(
    genreMix(STATS.groups[1]!).map((p) => [p.label, p.count]),
    [
      ['reporting', 2],
      ['', 1],
    ],
  );

  const points = trendPoints(STATS.trend, 200, 100);
  assert.deepEqual(
    points.map((p) => [p.x, p.y]),
    [
      [0, 0],
      [100, 100],
      [200, 50],
    ],
  );
  assert.deepEqual(
    trendPoints([STATS.trend[1]!], 200, 100).map((p) => [p.x, p.y]),
    [[100, 100]],
  );
});

test('reuse findings become one note per paragraph and other article, and a summary per article', () => {
  const wire = 'The regional water board said on Thursday that the reservoir had fallen to its lowest level.';
  const mixed =
    'Farmers were told to expect rationing. Officials added that the pumps would run at night only.';
  const article = articleFromText(
    semevalText('Dry summer', ['A short opening line.', wire, mixed, 'A closing line.']),
    { id: 'copy', lang: 'en' },
  );
  const paragraph = (text: string) =>
    article.paragraphs.find((p) => article.text.slice(p.start, p.end) === text)!;
  const reused = (
    text: string,
    from: number,
    to: number,
    other: string,
    line: number | null,
    score: number,
  ) => ({
    analyser: 'reuse',
    label: 'reused-passage',
    score,
    paragraph: paragraph(text).index,
    span: { start: paragraph(text).start + from, end: paragraph(text).start + to },
    attributes: { article: other, line, jaccard: 0.4 },
  });
  const findings = [
    // The whole wire paragraph but its full stop, found twice in `original`, once in `digest`.
    reused(wire, 0, wire.length - 1, 'original', 4, 0.91),
    reused(wire, 0, wire.length, 'original', null, 0.97),
    { ...reused(wire, 0, wire.length, 'digest', null, 0.88), label: 'near-duplicate' },
    // Only the second sentence of the mixed paragraph.
    reused(mixed, mixed.indexOf('Officials'), mixed.length, 'original', 6, 0.95),
  ];
  const report = {
    article,
    findings,
    analysers: [{ name: 'reuse', version: '1', ms: 0 }],
  } as unknown as Report;
  assert.equal(reuseChecked(report), true);
  assert.equal(reuseChecked({ ...report, analysers: [] }), false);
  assert.deepEqual(panelGroups(report), [], 'reused text is not a panel of findings');

  const notes = reuseNotes(report);
  const brief = (index: number) =>
    notes.get(index)!.map((n) => [n.article, n.line, n.similarity, n.whole, n.nearDuplicate]);
  // Title on line 1, a blank line, then the body from line 3: the wire paragraph is line 4.
  assert.deepEqual(
    [...notes.keys()].map((i) => article.paragraphs[i]!.line),
    [4, 5],
  );
  assert.deepEqual(brief(paragraph(wire).index), [
    ['original', 4, 0.97, true, false],
    ['digest', null, 0.88, true, true],
  ]);
  assert.deepEqual(brief(paragraph(mixed).index), [['original', 6, 0.95, false, false]]);
  assert.equal(
    excerpt(report, notes.get(paragraph(mixed).index)![0]!.shared),
    mixed.slice(mixed.indexOf('Officials')),
  );

  assert.deepEqual(
    reuseSummary(report).map((s) => [s.article, s.paragraphs.map((p) => p.line), s.jaccard, s.nearDuplicate]),
    [
      ['original', [4, 5], 0.4, false],
      ['digest', [4], 0.4, true],
    ],
  );

  const result: ReuseResult = {
    id: 'copy',
    contentHash: 'h',
    source: 's',
    links: [
      {
        other: { id: 'original', title: 'Reservoir at record low', source: 'o' },
        jaccard: 0.4,
        nearDuplicate: false,
        passages: [],
      },
    ],
  };
  const untitled = {
    ...result,
    links: [{ ...result.links[0]!, other: { id: 'digest', title: '', source: 'd' } }],
  };
  assert.deepEqual([...reuseTitles([untitled, result])], [['original', 'Reservoir at record low']]);
  assert.deepEqual([...reuseTitles(undefined)], []);
});

test('error bodies: the server’s {code, message} and the nested {error: {code, message}} both read', () => {
  assert.deepEqual(errorOf({ statusCode: 503, code: 'no_store', message: 'start with --db' }), {
    code: 'no_store',
    message: 'start with --db',
  });
  assert.deepEqual(errorOf({ error: { code: 'no_store', message: 'start with --db' } }), {
    code: 'no_store',
    message: 'start with --db',
  });
  assert.deepEqual(errorOf('oops'), {});
});

test('the new pages speak French too', () => {
  const fr = translator('fr');
  assert.equal(fr('navCompare'), 'Comparer');
  assert.equal(fr('per1000'), 'pour 1 000 paragraphes');
  assert.match(fr('noStoreHelp'), /Démarrez le serveur/);
});
