/**
 * What on a saved news page is not article prose: page furniture removed before extraction,
 * and short lines (photo credits, ad labels, "read also" links) dropped after it. Data only,
 * kept apart from the extraction code; patterns cover fr, en, de, it, pl, ru, es.
 */

/** Elements that never hold article prose. */
export const NON_PROSE_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'figcaption',
  '[role="navigation"]',
  '[role="complementary"]',
].join(',');

/** Class or id words of page furniture (matched as whole dash/underscore-separated words). */
export const FURNITURE_WORDS = [
  'ad',
  'ads',
  'advert',
  'advertisement',
  'banner',
  'breadcrumb',
  'breadcrumbs',
  'caption',
  'comments',
  'cookie',
  'cookies',
  'credit',
  'credits',
  'newsletter',
  'outbrain',
  'partage',
  'paywall',
  'promo',
  'pub',
  'publicite',
  'related',
  'share',
  'sharing',
  'social',
  'sponsored',
  'subscribe',
  'taboola',
  'werbung',
];

/** Multi-word class names of furniture ("a-lire-aussi", "read-more"). */
export const FURNITURE_PHRASES = ['lire-aussi', 'read-more', 'read-also', 'see-also', 'mehr-zum-thema'];

/**
 * Photo credit lines start with a credit word. They are furniture when a separator follows it
 * ("Photo: A. Name", "Crédit photo : ...") or when the line is a few words with no final stop
 * ("Photo Julien Ferrand").
 */
export const CREDIT_WORD =
  /^[([]?\s*(photo(graph)?s?|pictures?|images?|illustrations?|credits?|crédits?( photos?)?|copyright|©|foto(grafia|grafie|s)?|bild(er)?|zdjęci[ae]|fot\.|фото|снимок)(?=[\s:.,/©|]|$)/iu;
export const CREDIT_SEPARATOR = /^\s*[:/©|–—-]/u;
export const MAX_BARE_CREDIT_WORDS = 6;

/** Labels of ad slots and sponsored blocks, alone on their line. */
export const AD_LABEL =
  /^(advertisement|advertising|sponsored( content)?|publicité|pub|annonce|werbung|anzeige|pubblicità|reklama|реклама|publicidad)$/iu;

/** Cross-links to other stories and newsletter calls, at the start of a short line. */
export const CROSS_LINK =
  /^(read (more|also)|see also|related:|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|leggi anche|czytaj (też|także|również)|читайте также|lee también|sign up|subscribe|inscrivez-vous|abonnez-vous)/iu;

/** Credit and cross-link lines longer than this are sentences, not furniture. */
export const MAX_FURNITURE_LINE = 160;
