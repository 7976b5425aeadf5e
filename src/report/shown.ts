/**
 * Where each finding is shown, the same in the HTML and terminal reports: under its paragraph,
 * in a section (anatomy, techniques, bars) or in the summary of other findings.
 */
import type { Finding } from '../pipeline/finding.ts';
import type { Report } from '../pipeline/report.ts';
import { TECHNIQUE_ANALYSERS } from './persuasion.ts';
import { ANATOMY_ANALYSERS } from './sections.ts';

/** Findings shown one by one under their paragraph: those no section, bar or technique list presents. */
export function isParagraphNote(finding: Finding): boolean {
  return (
    !ANATOMY_ANALYSERS.has(finding.analyser) &&
    !TECHNIQUE_ANALYSERS.has(finding.analyser) &&
    finding.analyser !== 'genre'
  );
}

/** Analysers a section or bar already presents, left out of the summary of other findings. */
export function isCoveredAnalyser(name: string): boolean {
  return (
    ANATOMY_ANALYSERS.has(name) || TECHNIQUE_ANALYSERS.has(name) || name === 'genre' || name === 'frames'
  );
}

/** Direct quotes with a span, set in italics in the text. */
export function directQuotes(report: Report): Finding[] {
  return report.findings.filter((f) => f.analyser === 'quotes' && f.label === 'direct-quote' && f.span);
}
