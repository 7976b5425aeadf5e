import type { Article, ArticleMetadata, LanguageGuess, Paragraph } from './article.ts';
import { OptionError } from './errors.ts';
import { detectLanguage } from './language.ts';

export interface ArticleParts {
  id: string;
  text: string;
  paragraphs: Paragraph[];
  /** Defaults to the text of the title paragraph, else ''. */
  title?: string;
  metadata: ArticleMetadata;
  /** Language the source declares (HTML `lang`, a corpus `lang` field): a BCP 47 tag such as `fr-FR`. */
  declaredLanguage?: string;
  /** Language forced by the user (`--lang`), already validated. */
  languageOverride?: string;
}

/** Confidence given to a language the source declares: usually right, but templates can lie. */
const DECLARED_CONFIDENCE = 0.9;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/**
 * Assembles an Article. Its language comes from the override (method 'override'), else from the
 * declared language (method 'metadata'), else from identification on the paragraphs' text.
 */
export function buildArticle(parts: ArticleParts): Article {
  const { id, text, paragraphs, metadata } = parts;
  const title = parts.title ?? paragraphs.find((p) => p.kind === 'title')?.text ?? '';
  return { id, title, text, paragraphs, language: chooseLanguage(parts), metadata };
}

function chooseLanguage(parts: ArticleParts): LanguageGuess {
  if (parts.languageOverride) return { code: parts.languageOverride, confidence: 1, method: 'override' };
  const declared = languageFromTag(parts.declaredLanguage);
  if (declared) return { code: declared, confidence: DECLARED_CONFIDENCE, method: 'metadata' };
  return detectLanguage(parts.paragraphs.map((p) => p.text).join('\n'));
}

/** `fr-FR` → `fr`, `en_GB` → `en`, `DE` → `de`; undefined when the tag is not a language code. */
export function languageFromTag(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && LANGUAGE_CODE.test(primary) && primary !== 'und' ? primary : undefined;
}

/** Validates a `--lang` value: an ISO 639 code of 2 or 3 lowercase letters. */
export function validateLanguageCode(code: string): string {
  if (!LANGUAGE_CODE.test(code)) {
    throw new OptionError(
      '--lang',
      `'${code}' is not a language code (expected 2 or 3 lowercase letters, e.g. fr, en, de)`,
    );
  }
  return code;
}
