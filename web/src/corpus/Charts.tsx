/**
 * Small charts drawn with HTML tables and one SVG line, no library: every chart is also a table
 * or list of its numbers, so screen readers and keyboard users read the values, not a picture.
 */
import { labelDisplayName } from '../../../src/report/labels.ts';
import { useI18n } from '../context.ts';
import { barPercent, formatRate, type GroupRate, genreMix, type Matrix, trendPoints } from './charts.ts';
import type { GroupStats, TrendPoint } from './types.ts';

export const NO_VALUE = '(none)';

/** A group's name as shown: the `(none)` group (no outlet, no date…) in words. */
export function useGroupName(): (group: string) => string {
  const { t } = useI18n();
  return (group) => (group === NO_VALUE ? t('noneGroup') : group);
}

/** One bar per group: technique findings per 1,000 paragraphs. */
export function GroupBars({ id, title, rates }: { id: string; title: string; rates: GroupRate[] }) {
  const { t } = useI18n();
  const groupName = useGroupName();
  const max = Math.max(0, ...rates.map((r) => r.per1000));
  return (
    <figure class="chart" id={id}>
      <table class="chart-bars">
        <caption>{title}</caption>
        <thead class="visually-hidden">
          <tr>
            <th scope="col">{t('group')}</th>
            <th scope="col">{t('rate')}</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r) => (
            <tr key={r.group} data-group={r.group}>
              <th scope="row" dir="auto">
                {groupName(r.group)}
              </th>
              <td>
                <span class="bar-track" aria-hidden="true">
                  <span class="bar-fill" style={{ width: `${barPercent(r.per1000, max)}%` }} />
                </span>
                <span class="num rate">{formatRate(r.per1000)}</span>{' '}
                <span class="muted count">
                  ({r.count} / {r.paragraphs} {t('paragraphsCount')})
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Labels × groups, each cell a small bar and its rate per 1,000 paragraphs. */
export function RateMatrix({ id, title, matrix }: { id: string; title: string; matrix: Matrix }) {
  const { t } = useI18n();
  const groupName = useGroupName();
  if (matrix.rows.length === 0) {
    return (
      <figure class="chart" id={id}>
        <figcaption>{title}</figcaption>
        <p class="muted">{t('noData')}</p>
      </figure>
    );
  }
  return (
    <figure class="chart" id={id}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways with the arrow keys */}
      <section class="scroll" tabIndex={0} aria-label={title}>
        <table class="matrix">
          <caption>{title}</caption>
          <thead>
            <tr>
              <td />
              {matrix.groups.map((g) => (
                <th key={g} scope="col" dir="auto">
                  {groupName(g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.label} data-label={row.label}>
                <th scope="row">{labelDisplayName(row.label)}</th>
                {row.cells.map((cell, i) => (
                  <td key={matrix.groups[i]} data-group={matrix.groups[i]} title={`${cell.count}`}>
                    <span class="cell-bar" aria-hidden="true">
                      <span style={{ width: `${barPercent(cell.per1000, matrix.max)}%` }} />
                    </span>
                    <span class={`num rate${cell.count === 0 ? ' muted' : ''}`}>
                      {formatRate(cell.per1000)}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </figure>
  );
}

const GENRE_CLASSES: Record<string, string> = {
  reporting: 'g-reporting',
  opinion: 'g-opinion',
  satire: 'g-satire',
};

/** Each group's articles by predicted genre, as one stacked bar. */
export function GenreMix({ id, title, groups }: { id: string; title: string; groups: GroupStats[] }) {
  const { t } = useI18n();
  const groupName = useGroupName();
  return (
    <figure class="chart" id={id}>
      <table class="chart-bars genre-mix">
        <caption>{title}</caption>
        <tbody>
          {groups.map((g) => {
            const parts = genreMix(g);
            return (
              <tr key={g.group} data-group={g.group}>
                <th scope="row" dir="auto">
                  {groupName(g.group)}
                </th>
                <td>
                  <span class="stack" aria-hidden="true">
                    {parts.map((p) => (
                      <span
                        key={p.label}
                        class={GENRE_CLASSES[p.label] ?? 'g-none'}
                        style={{ width: `${p.share * 100}%` }}
                        title={`${p.label || t('noneGroup')} ${p.count}`}
                      />
                    ))}
                  </span>
                  <span class="stack-text">
                    {parts
                      .map((p) => `${p.label ? labelDisplayName(p.label) : t('noneGroup')} ${p.count}`)
                      .join(' · ')}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="chart-key" aria-hidden="true">
        {Object.entries(GENRE_CLASSES).map(([label, cls]) => (
          <span key={label}>
            <span class={`swatch ${cls}`} /> {labelDisplayName(label)}
          </span>
        ))}
      </p>
    </figure>
  );
}

const WIDTH = 420;
const HEIGHT = 190;
const PAD = { left: 44, right: 36, top: 14, bottom: 28 };

/** Technique findings per 1,000 paragraphs, month by month (dated articles only). */
export function TrendChart({ id, title, trend }: { id: string; title: string; trend: TrendPoint[] }) {
  const { t } = useI18n();
  if (trend.length === 0) {
    return (
      <figure class="chart" id={id}>
        <figcaption>{title}</figcaption>
        <p class="muted">{t('noDates')}</p>
      </figure>
    );
  }
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const points = trendPoints(trend, innerWidth, innerHeight);
  const max = Math.max(0, ...trend.map((p) => p.per1000));
  const labelEvery = Math.ceil(trend.length / 8);
  return (
    <figure class="chart trend" id={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} class="line-chart">
        <title>{title}</title>
        <g transform={`translate(${PAD.left} ${PAD.top})`}>
          <line class="axis" x1={0} y1={innerHeight} x2={innerWidth} y2={innerHeight} />
          <line class="axis" x1={0} y1={0} x2={0} y2={innerHeight} />
          <text class="tick" x={-6} y={4} text-anchor="end">
            {formatRate(max)}
          </text>
          <text class="tick" x={-6} y={innerHeight} text-anchor="end">
            0
          </text>
          <polyline class="line" points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
          {points.map((p, i) => (
            <g key={p.point.month}>
              <circle class="dot" cx={p.x} cy={p.y} r={3.5}>
                <title>{`${p.point.month}: ${formatRate(p.point.per1000)}`}</title>
              </circle>
              {i % labelEvery === 0 && (
                <text class="tick" x={p.x} y={innerHeight + 18} text-anchor="middle">
                  {p.point.month}
                </text>
              )}
            </g>
          ))}
        </g>
      </svg>
      <ol class="visually-hidden">
        {trend.map((p) => (
          <li key={p.month}>
            {p.month}: {formatRate(p.per1000)} ({p.techniques} / {p.paragraphs} {t('paragraphsCount')})
          </li>
        ))}
      </ol>
    </figure>
  );
}
