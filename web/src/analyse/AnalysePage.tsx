import { useCallback, useState } from 'preact/hooks';
import { ApiFailure, analyseFile, analyseText } from '../api.ts';
import { useI18n } from '../context.ts';
import type { Report } from '../model.ts';
import { InputForm, type Submission } from './InputForm.tsx';
import { ReportView } from './ReportView.tsx';

export function AnalysePage() {
  const { t } = useI18n();
  // `run` counts answers: each new report gets a fresh view (no selection from the last one).
  const [result, setResult] = useState<{ report: Report; run: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = useCallback(
    async (submission: Submission) => {
      setBusy(true);
      setError(undefined);
      try {
        const report =
          submission.kind === 'file'
            ? await analyseFile(submission.file, submission.lang)
            : await analyseText(submission.request);
        setResult((last) => ({ report, run: (last?.run ?? 0) + 1 }));
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
      {result && <ReportView key={result.run} report={result.report} />}
    </main>
  );
}
