/** Label inventories of SemEval-2023 Task 3 (see docs: taxonomy). Order is fixed: models index labels by it. */

export const GENRES = ['opinion', 'reporting', 'satire'] as const;

export const FRAMES = [
  'Economic',
  'Capacity_and_resources',
  'Morality',
  'Fairness_and_equality',
  'Legality_Constitutionality_and_jurisprudence',
  'Policy_prescription_and_evaluation',
  'Crime_and_punishment',
  'Security_and_defense',
  'Health_and_safety',
  'Quality_of_life',
  'Cultural_identity',
  'Public_opinion',
  'Political',
  'External_regulation_and_reputation',
] as const;

export type TechniqueCategory =
  | 'Attack_on_Reputation'
  | 'Justification'
  | 'Simplification'
  | 'Distraction'
  | 'Call'
  | 'Manipulative_Wording';

/** Each technique with its category, in the organisers' order. */
export const TECHNIQUE_CATEGORIES = {
  Appeal_to_Authority: 'Justification',
  Appeal_to_Popularity: 'Justification',
  Appeal_to_Values: 'Justification',
  'Appeal_to_Fear-Prejudice': 'Justification',
  Flag_Waving: 'Justification',
  Causal_Oversimplification: 'Simplification',
  'False_Dilemma-No_Choice': 'Simplification',
  Consequential_Oversimplification: 'Simplification',
  Straw_Man: 'Distraction',
  Red_Herring: 'Distraction',
  Whataboutism: 'Distraction',
  Slogans: 'Call',
  Appeal_to_Time: 'Call',
  Conversation_Killer: 'Call',
  Loaded_Language: 'Manipulative_Wording',
  Repetition: 'Manipulative_Wording',
  'Exaggeration-Minimisation': 'Manipulative_Wording',
  'Obfuscation-Vagueness-Confusion': 'Manipulative_Wording',
  'Name_Calling-Labeling': 'Attack_on_Reputation',
  Doubt: 'Attack_on_Reputation',
  Guilt_by_Association: 'Attack_on_Reputation',
  Appeal_to_Hypocrisy: 'Attack_on_Reputation',
  Questioning_the_Reputation: 'Attack_on_Reputation',
} as const satisfies Record<string, TechniqueCategory>;

export type Technique = keyof typeof TECHNIQUE_CATEGORIES;
export const TECHNIQUES = Object.keys(TECHNIQUE_CATEGORIES) as Technique[];

export type Subtask = 1 | 2 | 3;

/** The label inventory of a subtask. */
export function labelsOf(subtask: Subtask): readonly string[] {
  if (subtask === 1) return GENRES;
  if (subtask === 2) return FRAMES;
  return TECHNIQUES;
}

/** Data folder codes of the six training languages and their ISO 639-1 codes. */
export const DATA_LANGUAGES = { en: 'en', fr: 'fr', ge: 'de', it: 'it', po: 'pl', ru: 'ru' } as const;
export type DataFolder = keyof typeof DATA_LANGUAGES;
export type TrainedLanguage = (typeof DATA_LANGUAGES)[DataFolder];
export const TRAINED_LANGUAGES = Object.values(DATA_LANGUAGES) as TrainedLanguage[];

/** `ge` → `de`; an ISO code of a trained language passes through; anything else → undefined. */
export function languageOfFolder(folder: string): TrainedLanguage | undefined {
  if (folder in DATA_LANGUAGES) return DATA_LANGUAGES[folder as DataFolder];
  return (TRAINED_LANGUAGES as string[]).includes(folder) ? (folder as TrainedLanguage) : undefined;
}
