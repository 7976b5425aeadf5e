import { useCallback, useState } from 'preact/hooks';
import { ApiFailure, analyseFile, analyseText } from '../api.ts';
import { useI18n } from '../context.ts';
import type { Finding, Report } from '../model.ts';
import { ArticleView } from './ArticleView.tsx';
import { Details } from './Details.tsx';
import { InputForm, type Submission } from './InputForm.tsx';
import { Legend } from './Legend.tsx';
import { Overview } from './Overview.tsx';
import { Panels } from './Panels.tsx';

/** What the details box shows: the findings under one passage or one chip. */
export interface Selection {
  key: string;
  findings: Finding[];
}

export function AnalysePage() {
  const { t } = useI18n();
  const [report, setReport] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<Selection>();
  const [hovered, setHovered] = useState<Selection>();

  const submit = useCallback(
    async (submission: Submission) => {
      setBusy(true);
      setError(undefined);
      try {
        const result =
          submission.kind === 'file'
            ? await analyseFile(submission.file, submission.lang)
            : await analyseText(submission.request);
        setReport(result);
        setSelected(undefined);
        setHovered(undefined);
      } catch (failure) {
        if (failure instanceof ApiFailure) {
          setError(failure.code === 'network' ? t('networkError') : `${failure.message} (${failure.code})`);
        } else throw failure;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  return (
    <main class="analyse">
      <InputForm busy={busy} onSubmit={submit} />
      {error && (
        <p class="error" role="alert">
          {t('errorPrefix')}: {error}
        </p>
      )}
      {report && (
        <section class="result" aria-label={t('article')}>
          <Overview report={report} />
          <div class="reading">
            <ArticleView
              report={report}
              selectedKey={selected?.key}
              onSelect={setSelected}
              onHover={setHovered}
            />
            <aside class="side">
              <Details report={report} selection={hovered ?? selected} />
              <Legend report={report} />
            </aside>
          </div>
          <Panels report={report} />
        </section>
      )}
    </main>
  );
}
