import { useState } from 'preact/hooks';
import { useI18n } from '../context.ts';
import type { Finding, Report } from '../model.ts';
import { reuseChecked } from '../reuse.ts';
import { ArticleView } from './ArticleView.tsx';
import { Details } from './Details.tsx';
import { Legend } from './Legend.tsx';
import { Overview } from './Overview.tsx';
import { Panels } from './Panels.tsx';
import { ReusePanel } from './ReusePanel.tsx';

/** What the details box shows: the findings under one passage or one chip. */
export interface Selection {
  key: string;
  findings: Finding[];
}

interface Props {
  report: Report;
  /** Titles of the other articles that reuse notes link to, by id (ids are shown without them). */
  titles?: ReadonlyMap<string, string>;
}

/**
 * A report as the Analyse and stored-article pages show it: overview, the article with its details
 * box and legend, reused text when the store was asked, then the panels. Give it a new `key` for a
 * new report so a selection never outlives its article.
 */
export function ReportView({ report, titles }: Props) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<Selection>();
  const [hovered, setHovered] = useState<Selection>();
  return (
    <section class="result" aria-label={t('article')}>
      <Overview report={report} />
      <div class="reading">
        <ArticleView
          report={report}
          titles={titles}
          selectedKey={selected?.key}
          onSelect={setSelected}
          onHover={setHovered}
        />
        <aside class="side">
          <Details report={report} selection={hovered ?? selected} />
          <Legend report={report} />
        </aside>
      </div>
      {reuseChecked(report) && <ReusePanel report={report} titles={titles} />}
      <Panels report={report} />
    </section>
  );
}
