/**
 * Persuasion at a glance, from findings only: the genre probabilities, the strongest frames and
 * the per-paragraph opinion score (`genre` / `opinion-score`) with the paragraph where the article
 * turns from reporting to opinion. Pure, shared by the terminal, HTML and web reports.
 */
import type { Report } from '../pipeline/report.ts';

/** Frames shown as bars; the rest stay in the findings list. */
export const TOP_FRAMES = 5;

export interface Bar {
  label: string;
  score: number;
  /** The genre the model decided on (argmax after its tuned offsets). */
  predicted: boolean;
}

export interface OpinionPoint {
  paragraph: number;
  line: number;
  /** 0 = reads like reporting, 1 = reads like opinion; 0.5 is neutral. */
  score: number;
}

export interface Glance {
  genre: Bar[];
  frames: Bar[];
  opinion: OpinionPoint[];
  /** Index of the paragraph where the article turns from reporting to opinion, if it does. */
  turn?: number;
  /** A model of another language answered (the article's own had none). */
  lowConfidence: boolean;
}

export function glance(report: Report): Glance {
  const genre: Bar[] = [];
  const frames: Bar[] = [];
  const opinion: OpinionPoint[] = [];
  let lowConfidence = false;
  // A photo credit or a share link is not prose: its resemblance to opinion means nothing.
  const notProse = new Set(
    report.findings
      .filter((f) => f.label === 'boilerplate' && f.attributes?.wholeParagraph === true)
      .map((f) => f.paragraph),
  );
  for (const f of report.findings) {
    if (f.analyser !== 'genre' && f.analyser !== 'frames') continue;
    if (f.attributes?.lowConfidence === true) lowConfidence = true;
    if (f.analyser === 'frames') frames.push({ label: f.label, score: f.score, predicted: true });
    else if (f.label !== 'opinion-score')
      genre.push({ label: f.label, score: f.score, predicted: f.attributes?.predicted === true });
    else if (f.paragraph !== undefined && !notProse.has(f.paragraph)) {
      const paragraph = report.article.paragraphs[f.paragraph];
      if (paragraph) opinion.push({ paragraph: paragraph.index, line: paragraph.line, score: f.score });
    }
  }
  genre.sort((a, b) => b.score - a.score);
  frames.sort((a, b) => b.score - a.score);
  opinion.sort((a, b) => a.paragraph - b.paragraph);
  const turn = turningPoint(opinion);
  return {
    genre,
    frames: frames.slice(0, TOP_FRAMES),
    opinion,
    ...(turn === undefined ? {} : { turn }),
    lowConfidence,
  };
}

/**
 * The paragraph where the article turns to opinion: the split that best separates a reporting
 * start from an opinion end (the classic change point: the rise of the mean score, squared, times
 * k(n−k)/n so a lone paragraph at either end does not win), kept only when the paragraphs before
 * it read as reporting on average and those from it on as opinion.
 */
export function turningPoint(points: readonly OpinionPoint[]): number | undefined {
  const total = points.reduce((sum, p) => sum + p.score, 0);
  let before = 0;
  let best: { rise: number; paragraph: number } | undefined;
  for (let k = 1; k < points.length; k++) {
    before += points[k - 1]!.score;
    const meanBefore = before / k;
    const meanAfter = (total - before) / (points.length - k);
    if (meanBefore >= 0.5 || meanAfter < 0.5) continue;
    const n = points.length;
    const rise = ((meanAfter - meanBefore) ** 2 * k * (n - k)) / n;
    if (!best || rise > best.rise) best = { rise, paragraph: points[k]!.paragraph };
  }
  return best?.paragraph;
}
