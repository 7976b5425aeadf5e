import { labelDisplayName } from '../../../src/report/labels.ts';
import { useI18n } from '../context.ts';
import type { Comparison, EntityGroup, QuoteGroup } from '../corpus/types.ts';
import { articleHash } from '../route.ts';

/**
 * The comparison side by side: one column per article for what is its own (quotes, entities,
 * claims), tables with a column per article for what they share and for techniques.
 */
export function ComparisonView({ comparison }: { comparison: Comparison }) {
  const { t } = useI18n();
  const { articles } = comparison;
  const keys = articles.map((a) => a.key);
  const columns = { '--columns': String(articles.length) };
  const language = new Map(articles.map((a) => [a.key, a.language]));
  return (
    <div class="comparison">
      <section aria-labelledby="cmp-articles">
        <h2 id="cmp-articles" class="visually-hidden">
          {t('compareChosen')}
        </h2>
        <div class="side-by-side" style={columns}>
          {articles.map((a) => (
            <div key={a.key} class="cmp-article" data-key={a.key}>
              <span class="key">{a.key}</span>
              <a href={articleHash(a.id)} class="item-title" dir="auto" lang={a.language}>
                {a.title || a.id}
              </a>
              <p class="muted" dir="auto">
                {[a.id, a.outlet, a.published, a.language, a.genre && labelDisplayName(a.genre)]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {a.frames.length > 0 && (
                <p class="muted">
                  {t('frames')}: {a.frames.map(labelDisplayName).join(', ')}
                </p>
              )}
            </div>
          ))}
        </div>
      </section>

      <section class="cmp-block" aria-labelledby="cmp-shared-quotes">
        <h2 id="cmp-shared-quotes">
          {t('sharedQuotes')} <span class="num muted">{comparison.quotes.shared.length}</span>
        </h2>
        {comparison.quotes.shared.length === 0 ? (
          <p class="muted">{t('none')}</p>
        ) : (
          <SharedTable
            label={t('sharedQuotes')}
            keys={keys}
            rows={comparison.quotes.shared.map((g) => quoteRow(g, keys, t('line')))}
          />
        )}
      </section>

      <section class="cmp-block" aria-labelledby="cmp-techniques">
        <h2 id="cmp-techniques">{t('techniquesByArticle')}</h2>
        {comparison.techniques.length === 0 ? (
          <p class="muted">{t('none')}</p>
        ) : (
          <SharedTable
            label={t('techniquesByArticle')}
            keys={keys}
            rows={comparison.techniques.map((row) => ({
              key: row.label,
              head: labelDisplayName(row.label),
              cells: keys.map((k) => String(row.counts[k] ?? 0)),
            }))}
            numeric
          />
        )}
      </section>

      <section class="cmp-block" aria-labelledby="cmp-shared-entities">
        <h2 id="cmp-shared-entities">
          {t('sharedEntities')} <span class="num muted">{comparison.entities.shared.length}</span>
        </h2>
        {comparison.entities.shared.length === 0 ? (
          <p class="muted">{t('none')}</p>
        ) : (
          <SharedTable
            label={t('sharedEntities')}
            keys={keys}
            rows={comparison.entities.shared.map((g) => entityRow(g, keys, t('mentions')))}
          />
        )}
      </section>

      <Columns
        id="cmp-unique-quotes"
        title={t('uniqueQuotes')}
        keys={keys}
        items={(key) =>
          comparison.quotes.unique
            .filter((g) => g.in[0]?.article === key)
            .map((g) => ({
              text: `“${g.text}”`,
              note: [g.speakers.join(' / ') || t('unattributed'), lineOf(g.in[0]?.line, t('line'))]
                .filter(Boolean)
                .join(' · '),
            }))
        }
        language={language}
      />
      <Columns
        id="cmp-unique-entities"
        title={t('uniqueEntities')}
        keys={keys}
        items={(key) =>
          comparison.entities.unique
            .filter((g) => g.in[0]?.article === key)
            .map((g) => ({ text: g.name, note: `${g.type} · ${g.in[0]?.mentions ?? 0} ${t('mentions')}` }))
        }
        language={language}
      />
      <Columns
        id="cmp-claims"
        title={t('uniqueClaims')}
        keys={keys}
        items={(key) =>
          (comparison.claims.find((c) => c.article === key)?.unique ?? []).map((o) => ({
            text: o.text,
            note: lineOf(o.line, t('line')),
          }))
        }
        language={language}
      />
    </div>
  );
}

interface Row {
  key: string;
  head: string;
  /** One cell per article key, empty where the article lacks it. */
  cells: string[];
}

function lineOf(line: number | null | undefined, word: string): string {
  return line === null || line === undefined ? '' : `${word} ${line}`;
}

function quoteRow(g: QuoteGroup, keys: string[], line: string): Row {
  const speakers = g.speakers.length > 0 ? ` — ${g.speakers.join(' / ')}` : '';
  return {
    key: g.text,
    head: `“${g.text}”${speakers}`,
    cells: keys.map((k) =>
      g.in
        .filter((o) => o.article === k)
        .map((o) => lineOf(o.line, line) || '✓')
        .join(', '),
    ),
  };
}

function entityRow(g: EntityGroup, keys: string[], mentions: string): Row {
  return {
    key: `${g.type}:${g.name}`,
    head: `${g.name} (${g.type})`,
    cells: keys.map((k) =>
      g.in
        .filter((o) => o.article === k)
        .map((o) => `${o.forms.join(', ') || o.name} · ${o.mentions} ${mentions}`)
        .join('; '),
    ),
  };
}

/** What the articles share: a row per item, a column per article. */
function SharedTable({
  label,
  keys,
  rows,
  numeric = false,
}: {
  label: string;
  keys: string[];
  rows: Row[];
  numeric?: boolean;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways with the arrow keys
    <section class="scroll" tabIndex={0} aria-label={label}>
      <table class={`shared${numeric ? ' numeric' : ''}`}>
        <thead>
          <tr>
            <td />
            {keys.map((k) => (
              <th key={k} scope="col">
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" dir="auto">
                {row.head}
              </th>
              {row.cells.map((cell, i) => (
                <td key={keys[i]} class={cell && cell !== '0' ? 'has' : 'muted'} dir="auto">
                  {cell || '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface ColumnsProps {
  id: string;
  title: string;
  keys: string[];
  items: (key: string) => { text: string; note: string }[];
  language: Map<string, string>;
}

/** What is each article's own, one column per article. */
function Columns({ id, title, keys, items, language }: ColumnsProps) {
  const { t } = useI18n();
  return (
    <section class="cmp-block" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div class="side-by-side" style={{ '--columns': String(keys.length) }}>
        {keys.map((key) => {
          const list = items(key);
          return (
            <div key={key} class="cmp-column" data-key={key}>
              <h3>
                <span class="key">{key}</span> <span class="num muted">{list.length}</span>
              </h3>
              {list.length === 0 ? (
                <p class="muted">{t('none')}</p>
              ) : (
                <ul lang={language.get(key)}>
                  {list.map((item, i) => (
                    <li key={i} dir="auto">
                      {item.text}
                      {item.note && <span class="muted note"> {item.note}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
