import type { ApiFailure } from './api.ts';
import { useI18n } from './context.ts';

/** Why a corpus page has nothing to show: no store open (with how to open one), or the server's error. */
export function Problem({ error }: { error: ApiFailure }) {
  const { t } = useI18n();
  if (error.code === 'no_store') {
    return (
      <div class="problem no-store" role="alert">
        <p>
          <strong>{t('noStoreTitle')}</strong> {t('noStoreHelp')}
        </p>
        <pre>
          <code>spinlens serve --db news.db</code>
        </pre>
        <p>{t('noStoreBuild')}</p>
        <pre>
          <code>spinlens batch articles/ --db news.db</code>
        </pre>
      </div>
    );
  }
  return (
    <p class="error" role="alert">
      {t('loadFailed')}: {error.code === 'network' ? t('networkError') : `${error.message} (${error.code})`}
    </p>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted loading" role="status">
      {t('loading')}
    </p>
  );
}
