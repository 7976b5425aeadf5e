import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../context.ts';
import type { Finding, Report } from '../model.ts';
import { ArticleView } from './ArticleView.tsx';
import { Details } from './Details.tsx';
import { Legend } from './Legend.tsx';
import { Overview } from './Overview.tsx';
import { Panels } from './Panels.tsx';

/** What the details box shows: the findings under one passage or one chip. */
export interface Selection {
  key: string;
  findings: Finding[];
}

/**
 * A report as the Analyse and stored-article pages show it: overview, the article with its details
 * box and legend, anything the page adds (`children`), then the panels. Give it a new `key` for a
 * new report so a selection never outlives its article.
 */
export function ReportView({ report, children }: { report: Report; children?: ComponentChildren }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<Selection>();
  const [hovered, setHovered] = useState<Selection>();
  return (
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
      {children}
      <Panels report={report} />
    </section>
  );
}
