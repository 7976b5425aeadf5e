import type { Analyser } from '../pipeline/analyser.ts';
import { datesAnalyser } from './dates/index.ts';
import { entitiesAnalyser } from './entities/index.ts';
import { framesAnalyser } from './frames/index.ts';
import { genreAnalyser } from './genre/index.ts';
import { languageAnalyser } from './language/index.ts';
import { quotesAnalyser } from './quotes/index.ts';
import { repetitionAnalyser } from './repetition/index.ts';
import { sourcesAnalyser } from './sources/index.ts';
import { spansAnalyser } from './spans/index.ts';
import { techniquesAnalyser } from './techniques/index.ts';

/** Every analyser spinlens ships, in the order reports list them. */
export function defaultAnalysers(): Analyser[] {
  return [
    languageAnalyser,
    repetitionAnalyser,
    quotesAnalyser,
    sourcesAnalyser,
    entitiesAnalyser,
    datesAnalyser,
    genreAnalyser,
    framesAnalyser,
    techniquesAnalyser,
    spansAnalyser,
  ];
}

export class UnknownAnalyserError extends Error {}

/** The named analysers, in the order given; an unknown name is an error listing the known ones. */
export function analysersByName(names: readonly string[]): Analyser[] {
  const all = new Map(defaultAnalysers().map((analyser) => [analyser.name, analyser]));
  const unknown = names.filter((name) => !all.has(name));
  if (unknown.length > 0) {
    throw new UnknownAnalyserError(
      `unknown analyser${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${[...all.keys()].join(', ')})`,
    );
  }
  return [...new Set(names)].map((name) => all.get(name)!);
}
