/**
 * Interface strings in English and French. Article text, labels of analysers that name their
 * own findings, and technique names (SemEval identifiers) are not translated.
 */
export type Locale = 'en' | 'fr';
export const LOCALES: Locale[] = ['en', 'fr'];

const en = {
  appTagline: 'How does this article persuade?',
  navAnalyse: 'Analyse',
  language: 'Interface language',
  pasteLabel: 'Article text',
  pastePlaceholder: 'Paste an article: title on the first line, then its paragraphs…',
  titleLabel: 'Title (optional)',
  langLabel: 'Article language',
  langAuto: 'detect',
  dropHint: 'or drop a .txt or .html file here',
  chooseFile: 'Choose a file…',
  analyse: 'Analyse',
  analysing: 'Analysing…',
  clear: 'New article',
  errorPrefix: 'Could not analyse',
  networkError: 'The server did not answer.',
  article: 'Article',
  legend: 'Legend',
  legendQuote: 'quoted speech',
  legendRepetition: 'repeated passage',
  legendOther: 'other finding',
  details: 'Details',
  detailsHint: 'Hover, click or focus (Tab) a highlighted passage to see what was found there.',
  score: 'score',
  evidence: 'why',
  category: 'category',
  genre: 'Genre',
  frames: 'Frames',
  opinionStrip: 'Reporting → opinion, paragraph by paragraph',
  opinionLow: 'reporting',
  opinionHigh: 'opinion',
  paragraph: 'paragraph',
  line: 'line',
  speaker: 'speaker',
  unattributed: 'unattributed',
  noFindings: 'Nothing found.',
  findings: 'Findings',
  occurrences: 'occurrences',
  summary: 'Summary',
  languageDetected: 'language',
  analysers: 'analysers',
  predicted: 'predicted',
  techniques: 'Persuasion techniques',
  noModels: 'No technique, genre or frame model answered for this article.',
  showInText: 'show in text',
};

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  appTagline: 'Comment cet article cherche-t-il à convaincre ?',
  navAnalyse: 'Analyser',
  language: 'Langue de l’interface',
  pasteLabel: 'Texte de l’article',
  pastePlaceholder: 'Collez un article : le titre sur la première ligne, puis ses paragraphes…',
  titleLabel: 'Titre (facultatif)',
  langLabel: 'Langue de l’article',
  langAuto: 'détecter',
  dropHint: 'ou déposez ici un fichier .txt ou .html',
  chooseFile: 'Choisir un fichier…',
  analyse: 'Analyser',
  analysing: 'Analyse en cours…',
  clear: 'Nouvel article',
  errorPrefix: 'Analyse impossible',
  networkError: 'Le serveur n’a pas répondu.',
  article: 'Article',
  legend: 'Légende',
  legendQuote: 'discours rapporté',
  legendRepetition: 'passage répété',
  legendOther: 'autre constat',
  details: 'Détails',
  detailsHint:
    'Survolez, cliquez ou sélectionnez au clavier (Tab) un passage surligné pour voir ce qui y a été trouvé.',
  score: 'score',
  evidence: 'pourquoi',
  category: 'catégorie',
  genre: 'Genre',
  frames: 'Cadrages',
  opinionStrip: 'Du compte rendu à l’opinion, paragraphe par paragraphe',
  opinionLow: 'compte rendu',
  opinionHigh: 'opinion',
  paragraph: 'paragraphe',
  line: 'ligne',
  speaker: 'locuteur',
  unattributed: 'non attribuée',
  noFindings: 'Rien de trouvé.',
  findings: 'Constats',
  occurrences: 'occurrences',
  summary: 'Résumé',
  languageDetected: 'langue',
  analysers: 'analyseurs',
  predicted: 'retenu',
  techniques: 'Techniques de persuasion',
  noModels: 'Aucun modèle de techniques, de genre ou de cadrage n’a répondu pour cet article.',
  showInText: 'voir dans le texte',
};

const CATEGORY_FR: Record<string, string> = {
  'Attack on reputation': 'Atteinte à la réputation',
  Justification: 'Justification',
  Simplification: 'Simplification',
  Distraction: 'Diversion',
  Call: 'Appel',
  'Manipulative wording': 'Formulation manipulatrice',
};

const ANALYSER_FR: Record<string, string> = {
  Language: 'Langue',
  Repetition: 'Répétitions',
  Genre: 'Genre',
  Frames: 'Cadrages',
  'Persuasion techniques': 'Techniques de persuasion',
  Quotes: 'Citations',
  Sources: 'Sources',
  'Article anatomy': 'Anatomie de l’article',
  'Reporting vs opinion': 'Compte rendu ou opinion',
};

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, fr };

export type Translate = (key: MessageKey) => string;

export function translator(locale: Locale): Translate {
  return (key) => MESSAGES[locale][key];
}

/** Category and analyser display names (English in labels.ts) in the interface language. */
export function translateName(locale: Locale, name: string): string {
  if (locale === 'en') return name;
  return CATEGORY_FR[name] ?? ANALYSER_FR[name] ?? name;
}

/** The saved choice, else the browser's first language when it is French, else English. */
export function initialLocale(saved: string | null, browser: readonly string[]): Locale {
  if (saved === 'en' || saved === 'fr') return saved;
  return browser[0]?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
