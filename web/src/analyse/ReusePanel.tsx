import { useI18n } from '../context.ts';
import type { Report } from '../model.ts';
import { reuseSummary } from '../reuse.ts';
import { articleHash } from '../route.ts';

/**
 * Reused text, article by article: which other stored articles share text with this one, how much
 * of the whole, and which paragraphs (each note itself sits under its paragraph).
 */
export function ReusePanel({ report, titles }: { report: Report; titles?: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  const summary = reuseSummary(report);
  return (
    <section class="panel reuse-panel" aria-labelledby="reuse-title">
      <h2 id="reuse-title">
        {t('reuseTitle')} <span class="num muted">{summary.length}</span>
      </h2>
      {summary.length === 0 && <p class="muted">{t('reuseNone')}</p>}
      <ul class="finding-list">
        {summary.map((s) => {
          const title = titles?.get(s.article);
          const facts = [
            title && s.article,
            s.jaccard !== undefined && `${t('reuseOverlap')} ${s.jaccard.toFixed(2)}`,
            s.nearDuplicate && t('nearDuplicate'),
          ].filter(Boolean);
          return (
            <li key={s.article}>
              <a href={articleHash(s.article)} dir="auto">
                {title || s.article}
              </a>{' '}
              {facts.length > 0 && <span class="muted">({facts.join(' · ')}) </span>}
              {t('reuseShares')}{' '}
              {s.paragraphs.map((p, i) => (
                <span key={p.index}>
                  {i > 0 && ', '}
                  <button
                    type="button"
                    class="link"
                    onClick={() => document.getElementById(`para-${p.index}`)?.focus()}
                  >
                    {t('line')} {p.line}
                  </button>
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
