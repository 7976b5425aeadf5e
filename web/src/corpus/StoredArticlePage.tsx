import { ReportView } from '../analyse/ReportView.tsx';
import { reuseOf, storedReport } from '../api.ts';
import { useI18n } from '../context.ts';
import { useLoad } from '../load.ts';
import type { Report } from '../model.ts';
import { Loading, Problem } from '../Problem.tsx';
import { articleHash, compareHash } from '../route.ts';
import { LAST_CORPUS, sessionGet } from '../session.ts';
import { newestReuse, paragraphReuse } from './reuse.ts';
import type { ReuseResult } from './types.ts';

/** A stored article's analysis, drawn by the Analyse page's own parts, with its reused paragraphs. */
export function StoredArticlePage({ id }: { id: string }) {
  const { t } = useI18n();
  const report = useLoad(`report|${id}`, (signal) => storedReport(id, signal));
  // Reuse is extra: when it fails the analysis still shows.
  const reuse = useLoad(`reuse|${id}`, (signal) => reuseOf(id, signal));

  return (
    <main class="analyse stored">
      <p class="crumbs">
        <a href={sessionGet(LAST_CORPUS) ?? '#/corpus'}>← {t('backToCorpus')}</a>
        {' · '}
        <a href={compareHash([id])}>{t('compareWith')}</a>
      </p>
      {report.state === 'loading' && <Loading />}
      {report.state === 'failed' && <Problem error={report.error} />}
      {report.state === 'done' && (
        <ReportView report={report.data}>
          {reuse.state === 'done' && <ReusePanel report={report.data} reuse={newestReuse(reuse.data)} />}
        </ReportView>
      )}
    </main>
  );
}

function ReusePanel({ report, reuse }: { report: Report; reuse: ReuseResult | undefined }) {
  const { t } = useI18n();
  const paragraphs = paragraphReuse(report, reuse);
  return (
    <section class="panel reuse-panel" aria-labelledby="reuse-title">
      <h2 id="reuse-title">
        {t('reuseTitle')} <span class="num muted">{paragraphs.length}</span>
      </h2>
      {paragraphs.length === 0 && <p class="muted">{t('reuseNone')}</p>}
      <ul class="finding-list">
        {paragraphs.map((p) => (
          <li key={p.paragraph}>
            <button
              type="button"
              class="link"
              onClick={() => document.getElementById(`para-${p.paragraph}`)?.focus()}
            >
              {t('line')} {p.line}
            </button>
            : {t('reuseAlso')}{' '}
            {p.others.map((o, i) => (
              <span key={o.id}>
                {i > 0 && ', '}
                <a href={articleHash(o.id)} dir="auto">
                  {o.title || o.id}
                </a>{' '}
                <span class="muted">
                  ({o.id} · {t('similarity')} {o.similarity.toFixed(2)}
                  {o.nearDuplicate && ` · ${t('nearDuplicate')}`})
                </span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
