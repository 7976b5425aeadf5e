import {
  analyserDisplayName,
  labelDisplayName,
  shownAttributes,
  techniqueCategory,
} from '../../../src/report/labels.ts';
import { evidenceSummary, formatAttribute, formatScore } from '../../../src/report/layout.ts';
import { useI18n } from '../context.ts';
import { excerpt, type Report } from '../model.ts';
import type { Selection } from './ReportView.tsx';

/** What was found under the passage in focus: label, category, score, the words, attributes, evidence. */
export function Details({ report, selection }: { report: Report; selection: Selection | undefined }) {
  const { t, name } = useI18n();
  return (
    <section class="details" id="details" aria-live="polite" aria-label={t('details')}>
      <h2>{t('details')}</h2>
      {!selection && <p class="muted">{t('detailsHint')}</p>}
      {selection?.findings.map((f, i) => {
        const category = techniqueCategory(f.label, f.attributes);
        const attributes = Object.entries(f.attributes ?? {}).filter(([, v]) => v !== null);
        const shown = new Set(
          shownAttributes(
            f.analyser,
            attributes.map(([k]) => k),
          ),
        );
        return (
          <div class="finding" key={`${selection.key}-${i}`}>
            <p class="finding-head">
              <strong>{labelDisplayName(f.label)}</strong>{' '}
              <span class="muted">
                {name(analyserDisplayName(f.analyser))}
                {category && ` · ${name(category)}`}
              </span>
              <span class="score">
                {t('score')} {formatScore(f.score)}
              </span>
            </p>
            <blockquote class="excerpt" dir="auto">
              {excerpt(report, f, 240)}
            </blockquote>
            {attributes.some(([k]) => shown.has(k) && k !== 'category') && (
              <dl class="attributes">
                {attributes
                  .filter(([k]) => shown.has(k) && k !== 'category')
                  .map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd dir="auto">{formatAttribute(v)}</dd>
                    </div>
                  ))}
              </dl>
            )}
            {f.evidence && f.evidence.length > 0 && (
              <div class="evidence">
                <span class="muted">{t('evidence')}:</span>
                <ul>
                  {f.evidence.slice(0, 8).map((e, j) => (
                    <li key={j} dir="auto">
                      {evidenceSummary(report, f, e)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
