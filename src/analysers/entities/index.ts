import type { Article } from '../../article/article.ts';
import type { Analyser } from '../../pipeline/analyser.ts';
import type { Finding } from '../../pipeline/finding.ts';
import { type Cluster, clusterMentions, spellingVariants } from './cluster.ts';
import { detectMentions, type Mention } from './detect.ts';
import { entityLexicon } from './lexicon.ts';

export const ENTITIES_ANALYSER = 'entities';

/** How sure each kind of evidence makes a mention. */
const SCORES: Record<string, number> = {
  gazetteer: 0.9,
  'gazetteer-inflected': 0.8,
  title: 0.85,
  'first-name': 0.85,
  'organisation-word': 0.75,
  'known-surname': 0.75,
  'capitalised-run': 0.6,
  'place-preposition': 0.55,
};

/**
 * People, organisations and places: capitalised names with their evidence (gazetteers of places,
 * institutions and public figures, titles and trigger words, first names), clustered across
 * spelling and transliteration variants; a cluster spelled two ways is flagged `spelling-variant`.
 */
export const entitiesAnalyser: Analyser = {
  name: ENTITIES_ANALYSER,
  version: '1.0.0',
  description:
    'People, organisations and places, clustered across spelling variants; inconsistent spellings.',
  analyse(article) {
    const lexicon = entityLexicon(article.language.code);
    const mentions = detectMentions(article, lexicon);
    const clusters = clusterMentions(mentions);
    const paragraphOf = paragraphLookup(article);
    const findings: Finding[] = [];
    const clusterOf = new Map<Mention, Cluster>();
    for (const c of clusters) for (const m of c.mentions) clusterOf.set(m, c);
    for (const m of mentions) findings.push(mentionFinding(m, clusterOf.get(m)!, paragraphOf(m.start)));
    for (const c of clusters) {
      const variants = spellingVariants(c, article.language.code);
      if (variants) findings.push(variantFinding(variants.cluster, variants.variants, paragraphOf));
    }
    return findings;
  },
};

function mentionFinding(m: Mention, cluster: Cluster, paragraph: number | undefined): Finding {
  const finding: Finding = {
    analyser: ENTITIES_ANALYSER,
    label: m.type,
    score: SCORES[m.evidence] ?? 0.6,
    span: { start: m.start, end: m.end },
    attributes: { entity: cluster.id, canonical: cluster.canonical, mentions: cluster.mentions.length },
    evidence: [
      { feature: `entity:${m.evidence}`, note: m.title ? `after “${m.title}”` : (m.gazetteer ?? m.evidence) },
    ],
  };
  if (paragraph !== undefined) finding.paragraph = paragraph;
  return finding;
}

/** On the first mention of the second spelling, listing every spelling and its count. */
function variantFinding(
  cluster: Cluster,
  variants: [string, Mention[]][],
  paragraphOf: (offset: number) => number | undefined,
): Finding {
  const second = variants[1]![1][0]!;
  const finding: Finding = {
    analyser: ENTITIES_ANALYSER,
    label: 'spelling-variant',
    score: 0.8,
    span: { start: second.start, end: second.end },
    attributes: {
      entity: cluster.id,
      canonical: cluster.canonical,
      variants: variants.map(([spelling, list]) => `${spelling} ×${list.length}`).join(', '),
      spellings: variants.length,
    },
    evidence: variants.map(([spelling, list]) => ({
      feature: 'spelling',
      span: { start: list[0]!.start, end: list[0]!.end },
      note: `${spelling} ×${list.length}`,
    })),
  };
  const paragraph = paragraphOf(second.start);
  if (paragraph !== undefined) finding.paragraph = paragraph;
  return finding;
}

function paragraphLookup(article: Article): (offset: number) => number | undefined {
  return (offset) => article.paragraphs.find((p) => offset >= p.start && offset < p.end)?.index;
}
