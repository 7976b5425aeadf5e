import { ReportView } from '../analyse/ReportView.tsx';
import { reuseOf, storedReport } from '../api.ts';
import { useI18n } from '../context.ts';
import { useLoad } from '../load.ts';
import { Loading, Problem } from '../Problem.tsx';
import { reuseTitles } from '../reuse.ts';
import { compareHash } from '../route.ts';
import { LAST_CORPUS, sessionGet } from '../session.ts';

/** A stored article's analysis, drawn as on the Analyse page, each reused paragraph noted where it stands. */
export function StoredArticlePage({ id }: { id: string }) {
  const { t } = useI18n();
  const report = useLoad(`report|${id}`, (signal) => storedReport(id, signal));
  // Only the other articles' titles: when it fails, notes name them by id.
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
        <ReportView
          report={report.data}
          titles={reuseTitles(reuse.state === 'done' ? reuse.data : undefined)}
        />
      )}
    </main>
  );
}
