import { useRef, useState } from 'preact/hooks';
import type { TextRequest } from '../api.ts';
import { useI18n } from '../context.ts';

export type Submission = { kind: 'text'; request: TextRequest } | { kind: 'file'; file: File; lang?: string };

/** Languages offered for the override; detection handles any other. */
const LANGUAGES = ['en', 'fr', 'de', 'it', 'pl', 'ru', 'es', 'el', 'ka'];

export function InputForm({ busy, onSubmit }: { busy: boolean; onSubmit: (s: Submission) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [lang, setLang] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const langOption = lang ? { lang } : {};

  const sendFile = (file: File | undefined) => {
    if (file) onSubmit({ kind: 'file', file, ...langOption });
  };

  return (
    <form
      class={`input${dragging ? ' dragging' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim())
          onSubmit({ kind: 'text', request: { text, ...(title.trim() ? { title } : {}), ...langOption } });
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        sendFile(e.dataTransfer?.files[0]);
      }}
    >
      <label class="field">
        <span>{t('titleLabel')}</span>
        <input type="text" name="title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('pasteLabel')}</span>
        <textarea
          name="text"
          rows={8}
          value={text}
          placeholder={t('pastePlaceholder')}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <label class="field inline">
          <span>{t('langLabel')}</span>
          <select name="lang" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
            <option value="">{t('langAuto')}</option>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy || !text.trim()}>
          {busy ? t('analysing') : t('analyse')}
        </button>
        <span class="drop-hint">{t('dropHint')}</span>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={busy}>
          {t('chooseFile')}
        </button>
        <input
          ref={fileInput}
          class="visually-hidden"
          type="file"
          accept=".txt,.text,.html,.htm,text/plain,text/html"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            sendFile(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </div>
    </form>
  );
}
