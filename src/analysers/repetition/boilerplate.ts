import type { Paragraph } from '../../article/article.ts';
import { lexiconJson } from '../../lexicons.ts';
import type { Span } from '../../pipeline/finding.ts';

/** One non-prose pattern of `lexicons/common/boilerplate.json`. */
export interface BoilerplatePattern {
  name: string;
  note: string;
  regex: RegExp;
  maxLength: number;
  score: number;
}

export interface BoilerplateMatch {
  pattern: BoilerplatePattern;
  span: Span;
  /** The match covers the whole paragraph. */
  whole: boolean;
}

interface PatternEntry {
  name: string;
  note: string;
  pattern: string;
  flags?: string;
  maxLength?: number;
  score?: number;
}

let patterns: readonly BoilerplatePattern[] | undefined;

/** The compiled patterns, loaded once; a malformed entry is reported with its name. */
export function boilerplatePatterns(): readonly BoilerplatePattern[] {
  if (patterns) return patterns;
  const data = lexiconJson('common/boilerplate.json') as { maxLength: number; patterns: PatternEntry[] };
  patterns = data.patterns.map((entry) => {
    try {
      return {
        name: entry.name,
        note: entry.note,
        regex: new RegExp(entry.pattern, entry.flags ?? 'iu'),
        maxLength: entry.maxLength ?? data.maxLength,
        score: entry.score ?? 0.9,
      };
    } catch (error) {
      throw new Error(`lexicons/common/boilerplate.json: pattern ${entry.name}: ${(error as Error).message}`);
    }
  });
  return patterns;
}

/** The first pattern matching the paragraph, with the matched span trimmed (absolute offsets). */
export function matchBoilerplate(paragraph: Paragraph): BoilerplateMatch | undefined {
  for (const pattern of boilerplatePatterns()) {
    if (paragraph.text.length > pattern.maxLength) continue;
    const match = pattern.regex.exec(paragraph.text);
    if (!match) continue;
    let from = match.index;
    let to = from + match[0].length;
    while (from < to && /\s/u.test(paragraph.text[from]!)) from++;
    while (to > from && /\s/u.test(paragraph.text[to - 1]!)) to--;
    if (from === to) continue;
    return {
      pattern,
      span: { start: paragraph.start + from, end: paragraph.start + to },
      whole: from === 0 && to === paragraph.text.length,
    };
  }
  return undefined;
}
