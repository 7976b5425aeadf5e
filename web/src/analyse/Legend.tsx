import { labelBackground, labelDisplayName, TECHNIQUE_CATEGORIES } from '../../../src/report/labels.ts';
import { useI18n } from '../context.ts';
import type { Report } from '../model.ts';

/** The 6 technique categories with their 23 techniques (those in this article counted), and the other marks. */
export function Legend({ report }: { report: Report }) {
  const { t, name } = useI18n();
  const counts = new Map<string, number>();
  for (const f of report.findings) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  return (
    <section class="legend" aria-label={t('legend')}>
      <h2>{t('legend')}</h2>
      <ul class="kinds">
        <li>
          <span class="hl hl-quote">“…”</span> {t('legendQuote')}
        </li>
        <li>
          <span class="hl hl-repetition">abc</span> {t('legendRepetition')}
        </li>
        <li>
          <span class="hl hl-other">abc</span> {t('legendOther')}
        </li>
      </ul>
      {TECHNIQUE_CATEGORIES.map((category) => (
        <div key={category.name} class="category">
          <h3>{name(category.name)}</h3>
          <ul>
            {category.labels.map((label) => {
              const count = counts.get(label) ?? 0;
              return (
                <li key={label} class={count > 0 ? 'present' : undefined}>
                  <span class="swatch" style={{ background: labelBackground('techniques', label) }} />
                  {labelDisplayName(label)}
                  {count > 0 && <span class="num"> ×{count}</span>}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
