/**
 * Presentation of analysers and labels shared by the text and HTML reports. Renderers stay
 * generic over findings: this table only gives known analysers and labels nicer names and
 * stable colours; anything unknown falls back to its raw name and a colour derived from it.
 */

/** A colour family: the terminal colour and the HTML hue used for every label in it. */
export type Tone = 'red' | 'magenta' | 'yellow' | 'cyan' | 'blue' | 'green' | 'gray';

const TONE_HUES: Record<Tone, number> = {
  red: 4,
  magenta: 300,
  yellow: 45,
  cyan: 185,
  blue: 220,
  green: 130,
  gray: 0,
};

const HASHED_TONES: Tone[] = ['cyan', 'yellow', 'green', 'magenta', 'blue', 'red'];

const ANALYSER_NAMES: Record<string, string> = {
  language: 'Language',
  repetition: 'Repetition',
  genre: 'Genre',
  frames: 'Frames',
  techniques: 'Persuasion techniques',
  spans: 'Technique spans',
  stance: 'Reporting vs opinion',
  quotes: 'Quotes',
  sources: 'Sources',
  entities: 'People, organisations and places',
  dates: 'Dates',
  anatomy: 'Article anatomy',
  reuse: 'Reused text',
};

/** The six SemEval-2023 Task 3 technique categories and their members. */
export const TECHNIQUE_CATEGORIES: { name: string; tone: Tone; labels: string[] }[] = [
  {
    name: 'Attack on reputation',
    tone: 'red',
    labels: [
      'Name_Calling-Labeling',
      'Guilt_by_Association',
      'Doubt',
      'Appeal_to_Hypocrisy',
      'Questioning_the_Reputation',
    ],
  },
  {
    name: 'Justification',
    tone: 'yellow',
    labels: [
      'Flag_Waving',
      'Appeal_to_Authority',
      'Appeal_to_Popularity',
      'Appeal_to_Values',
      'Appeal_to_Fear-Prejudice',
    ],
  },
  {
    name: 'Simplification',
    tone: 'green',
    labels: ['Causal_Oversimplification', 'False_Dilemma-No_Choice', 'Consequential_Oversimplification'],
  },
  { name: 'Distraction', tone: 'blue', labels: ['Straw_Man', 'Red_Herring', 'Whataboutism'] },
  { name: 'Call', tone: 'cyan', labels: ['Slogans', 'Conversation_Killer', 'Appeal_to_Time'] },
  {
    name: 'Manipulative wording',
    tone: 'magenta',
    labels: ['Loaded_Language', 'Obfuscation-Vagueness-Confusion', 'Exaggeration-Minimisation', 'Repetition'],
  },
];

const CATEGORY_BY_LABEL = new Map(
  TECHNIQUE_CATEGORIES.flatMap((category) => category.labels.map((label) => [label, category] as const)),
);

/** Tones of labels outside the technique table, by analyser. */
const ANALYSER_TONES: Record<string, Tone> = {
  language: 'gray',
  repetition: 'blue',
  dates: 'cyan',
};

/**
 * The attributes worth a place in the short views (terminal, summaries) for known analysers;
 * the HTML findings table shows them all.
 */
const SHOWN_ATTRIBUTES: Record<string, string[]> = {
  quotes: ['speaker', 'cue'],
  sources: ['kind'],
  entities: ['canonical', 'entity', 'variants', 'stated', 'actual'],
  dates: ['iso', 'grain', 'relative', 'weekday', 'rule', 'stated', 'actual', 'published', 'first', 'second'],
  repetition: ['group', 'occurrences', 'similarity', 'pattern'],
  language: ['method', 'language'],
  // The evidence note says it in words: "also appears in <id> (line N)".
  reuse: [],
};

/** Names of the attributes to show in short views: the table's, else all but offsets. */
export function shownAttributes(analyser: string, names: string[]): string[] {
  const chosen = SHOWN_ATTRIBUTES[analyser];
  if (chosen) return names.filter((name) => chosen.includes(name));
  // Offsets (`speakerStart`, `closeEnd`...) mean nothing to a reader and spans already show them.
  return names.filter((name) => !/(Start|End)$/.test(name));
}

export function analyserDisplayName(analyser: string): string {
  return ANALYSER_NAMES[analyser] ?? analyser;
}

/** `Name_Calling-Labeling` → `Name Calling-Labeling`: underscores read as spaces. */
export function labelDisplayName(label: string): string {
  return label.replaceAll('_', ' ');
}

/** The technique category of a label, from the finding's own `category` attribute or the table. */
export function techniqueCategory(label: string, attributes?: Record<string, unknown>): string | undefined {
  const own = attributes?.category;
  if (typeof own === 'string' && own) return own;
  return CATEGORY_BY_LABEL.get(label)?.name;
}

export function labelTone(analyser: string, label: string): Tone {
  const category = CATEGORY_BY_LABEL.get(label);
  if (category) return category.tone;
  const byAnalyser = ANALYSER_TONES[analyser];
  if (byAnalyser) return byAnalyser;
  return HASHED_TONES[hash(`${analyser}/${label}`) % HASHED_TONES.length]!;
}

/**
 * A light HTML background colour for a label: its tone's hue, with the lightness varied by
 * label so neighbours of one family stay apart.
 */
export function labelBackground(analyser: string, label: string): string {
  const tone = labelTone(analyser, label);
  const shade = hash(label) % 4;
  if (tone === 'gray') return `hsl(0 0% ${82 - shade * 3}%)`;
  return `hsl(${TONE_HUES[tone] + shade * 8} 85% ${84 - shade * 4}%)`;
}

/** FNV-1a: a small, stable string hash (colours must not change between runs). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
