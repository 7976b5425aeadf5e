import { analyserDisplayName, labelDisplayName } from '../../../src/report/labels.ts';
import { formatScore } from '../../../src/report/layout.ts';
import { useI18n } from '../context.ts';
import { articleBars, BAR_ANALYSERS, type Bar, opinionScores, type Report } from '../model.ts';

/** Blue for reporting (0) through grey to orange for opinion (1). */
export function opinionColour(score: number): string {
  const hue = score < 0.5 ? 215 : 25;
  const strength = Math.abs(score - 0.5) * 2;
  return `hsl(${hue} ${Math.round(20 + 65 * strength)}% ${Math.round(78 - 26 * strength)}%)`;
}

/** Title, language and source; genre and frame bars; the reporting-to-opinion strip. */
export function Overview({ report }: { report: Report }) {
  const { t, name } = useI18n();
  const { article } = report;
  const meta = article.metadata;
  const opinion = opinionScores(report);
  const bars = BAR_ANALYSERS.map((a) => [a, articleBars(report, a)] as const).filter(([, b]) => b.length > 0);
  return (
    <div class="overview">
      <div class="meta-block">
        <p class="article-title" dir="auto">
          {article.title}
        </p>
        <p class="muted">
          {t('languageDetected')} {article.language.code} ({formatScore(article.language.confidence)}
          {article.language.method !== 'detected' ? `, ${article.language.method}` : ''}) ·{' '}
          {[meta.outlet, meta.author, meta.published, meta.format].filter(Boolean).join(' · ')} ·{' '}
          {report.analysers.length} {t('analysers')}
        </p>
      </div>
      {bars.map(([analyser, list]) => (
        <BarChart key={analyser} title={name(analyserDisplayName(analyser))} bars={list} />
      ))}
      {opinion.size > 0 && (
        <div class="strip-block">
          <h2 id="strip-title">{t('opinionStrip')}</h2>
          <ol class="strip" aria-labelledby="strip-title">
            {article.paragraphs
              .filter((p) => opinion.has(p.index))
              .map((p) => {
                const score = opinion.get(p.index)!;
                return (
                  <li key={p.index}>
                    <a
                      href={`#para-${p.index}`}
                      style={{ background: opinionColour(score) }}
                      title={`${t('line')} ${p.line}: ${formatScore(score)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(`para-${p.index}`)?.focus();
                      }}
                    >
                      <span class="visually-hidden">
                        {t('line')} {p.line}: {t('opinionHigh')} {formatScore(score)}
                      </span>
                    </a>
                  </li>
                );
              })}
          </ol>
          <p class="strip-scale muted" aria-hidden="true">
            <span>{t('opinionLow')}</span>
            <span>{t('opinionHigh')}</span>
          </p>
        </div>
      )}
    </div>
  );
}

function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { t } = useI18n();
  return (
    <div class="bars">
      <h2>{title}</h2>
      <ul>
        {bars.map((bar) => (
          <li key={bar.label} class={bar.predicted ? 'predicted' : undefined}>
            <span class="bar-label">
              {labelDisplayName(bar.label)}
              {bar.predicted && <span class="visually-hidden"> ({t('predicted')})</span>}
            </span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar-fill" style={{ width: `${Math.round(bar.score * 100)}%` }} />
            </span>
            <span class="num">{formatScore(bar.score)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
