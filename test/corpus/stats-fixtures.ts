/**
 * A small store written by hand for the corpus statistics, export and compare tests: three
 * articles with findings chosen so every number can be checked by hand (see the comments).
 */
import type { Article } from '../../src/article/article.ts';
import { Store } from '../../src/corpus/store.ts';
import type { Analyser } from '../../src/pipeline/analyser.ts';
import type { Finding } from '../../src/pipeline/finding.ts';
import { buildReport, type Report } from '../../src/pipeline/report.ts';
import { articleFromText, semevalText } from '../helpers.ts';

const ANALYSERS: Analyser[] = ['genre', 'frames', 'techniques'].map((name) => ({
  name,
  version: 'test',
  description: name,
  analyse: () => [],
}));

function article(
  id: string,
  lang: string,
  meta: { outlet: string; published: string },
  title: string,
  body: string[],
): Article {
  const a = articleFromText(semevalText(title, body), { id, lang });
  a.metadata = { ...a.metadata, ...meta };
  return a;
}

function genre(predicted: string): Finding[] {
  return ['opinion', 'reporting', 'satire'].map((label) => ({
    analyser: 'genre',
    label,
    score: label === predicted ? 0.8 : 0.1,
    attributes: { predicted: label === predicted },
  }));
}

function frame(label: string): Finding {
  return { analyser: 'frames', label, score: 0.7 };
}

function technique(label: string, paragraph: number, ...terms: string[]): Finding {
  return {
    analyser: 'techniques',
    label,
    score: 0.6,
    paragraph,
    evidence: terms.map((t) => ({ feature: `word:${t}`, weight: 0.5 })),
    attributes: { category: null },
  };
}

/**
 * bugle-1 (Daily Bugle, en, 2024-01, opinion): 4 paragraphs; frames Political, Morality;
 *   Loaded_Language in paragraphs 1 and 2, Doubt in paragraph 2.
 * bugle-2 (Daily Bugle, en, 2024-02, reporting): 3 paragraphs; frame Political; Doubt in paragraph 1.
 * matin-1 (Le Matin, fr, 2024-01, reporting): 2 paragraphs; no frame; Loaded_Language in the title.
 * Whole store: 9 paragraphs, Loaded_Language 3 (333.33 per 1,000), Doubt 2 (222.22).
 */
export function handMadeReports(): Report[] {
  const bugle1 = article(
    'bugle-1',
    'en',
    { outlet: 'Daily Bugle', published: '2024-01-15' },
    'The council’s disgrace',
    [
      'The council voted on Tuesday to close the night shelter on Dock Street.',
      'This disgraceful vote, a plain betrayal, will leave dozens of people in the cold, and some ask whether the councillors even read the report.',
      'The shelter will close at the end of March.',
    ],
  );
  const bugle2 = article(
    'bugle-2',
    'en',
    { outlet: 'Daily Bugle', published: '2024-02-03' },
    'Shelter closure confirmed',
    [
      'The night shelter on Dock Street closed on Friday, allegedly ahead of schedule.',
      'The council said the building would be sold.',
    ],
  );
  const matin1 = article(
    'matin-1',
    'fr',
    { outlet: 'Le Matin', published: '2024-01-20T08:30:00Z' },
    'Une honte pour la ville',
    ['Le conseil municipal a fermé le refuge de nuit de la rue des Docks.'],
  );
  return [
    buildReport(
      bugle1,
      [
        ...genre('opinion'),
        frame('Political'),
        frame('Morality'),
        technique('Loaded_Language', 1, 'disgrace'),
        technique('Loaded_Language', 2, 'disgrace', 'betrayal'),
        technique('Doubt', 2, 'whether'),
      ],
      ANALYSERS,
      {},
    ),
    buildReport(
      bugle2,
      [...genre('reporting'), frame('Political'), technique('Doubt', 1, 'allegedly')],
      ANALYSERS,
      {},
    ),
    buildReport(matin1, [...genre('reporting'), technique('Loaded_Language', 0, 'honte')], ANALYSERS, {}),
  ];
}

/** A store at `path` holding `reports`. */
export function storeWith(path: string, reports: readonly Report[]): void {
  const store = new Store(path);
  try {
    const run = store.startRun({ analysers: ANALYSERS, options: {}, inputs: ['test'] });
    store.writeBatch(
      run,
      reports.map((report) => ({ report })),
      [],
      { analysed: reports.length, skipped: 0, failed: 0 },
    );
  } finally {
    store.close();
  }
}
