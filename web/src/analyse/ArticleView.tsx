import { analyserDisplayName, labelBackground, labelDisplayName } from '../../../src/report/labels.ts';
import { formatScore, layoutFindings, segmentText } from '../../../src/report/layout.ts';
import { useI18n } from '../context.ts';
import {
  excerpt,
  type Finding,
  highlightStyle,
  opinionScores,
  paragraphChips,
  type Report,
} from '../model.ts';
import { isReuse, type ReuseNote, reuseNotes } from '../reuse.ts';
import { articleHash } from '../route.ts';
import { opinionColour } from './Overview.tsx';
import type { Selection } from './ReportView.tsx';

interface Props {
  report: Report;
  titles: ReadonlyMap<string, string> | undefined;
  selectedKey: string | undefined;
  onSelect: (selection: Selection | undefined) => void;
  onHover: (selection: Selection | undefined) => void;
}

/**
 * The article, paragraph by paragraph, its spans cut into segments (overlaps included), each
 * highlighted segment a focusable element; under a paragraph, its paragraph-level findings and
 * the other articles it also appears in. Article text only ever becomes text nodes.
 */
export function ArticleView({ report, titles, selectedKey, onSelect, onHover }: Props) {
  const { t } = useI18n();
  const { byParagraph } = layoutFindings(report);
  const reuse = reuseNotes(report);
  const opinion = opinionScores(report);
  const { text, language } = report.article;
  const select = (selection: Selection) => onSelect(selection);
  const handlers = (selection: Selection) => ({
    onFocus: () => select(selection),
    onClick: () => select(selection),
    onMouseEnter: () => onHover(selection),
    onMouseLeave: () => onHover(undefined),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') onSelect(undefined);
    },
  });

  return (
    <article class="article" lang={language.code === 'und' ? undefined : language.code} dir="auto">
      {report.article.paragraphs.map((p) => {
        const findings = byParagraph.get(p.index) ?? [];
        // Reused text is a note under the paragraph, not a highlight over most of it.
        const spans = findings.filter((f) => f.span && !isReuse(f));
        const chips = paragraphChips(report, p.index);
        const score = opinion.get(p.index);
        const segments = segmentText(p.start, p.end, spans);
        // The title is a heading for screen readers and the outline.
        const Text = p.kind === 'title' ? 'h2' : 'p';
        return (
          <div
            key={p.index}
            id={`para-${p.index}`}
            class={`para ${p.kind}`}
            tabIndex={-1}
            style={score === undefined ? undefined : { '--opinion': opinionColour(score) }}
          >
            <span class="ln" title={`${t('line')} ${p.line}`}>
              {p.line}
            </span>
            <Text class="txt">
              {segments.map((segment) => {
                const piece = text.slice(segment.start, segment.end);
                if (segment.findings.length === 0) return piece;
                const { classes, colour } = highlightStyle(segment.findings);
                const key = `seg-${segment.start}`;
                return (
                  <mark
                    key={key}
                    id={key}
                    class={`${classes}${selectedKey === key ? ' selected' : ''}`}
                    style={colour ? { '--hl': colour } : undefined}
                    // biome-ignore lint/a11y/noNoninteractiveTabindex: passages are focusable so keyboard users reach their details
                    tabIndex={0}
                    title={describe(segment.findings)}
                    aria-describedby="details"
                    {...handlers({ key, findings: segment.findings })}
                  >
                    {piece}
                  </mark>
                );
              })}
            </Text>
            {chips.length > 0 && (
              <ul class="chips">
                {chips.map((f, i) => {
                  const key = `chip-${p.index}-${i}`;
                  return (
                    <li key={key}>
                      <button
                        type="button"
                        id={key}
                        class={`chip${selectedKey === key ? ' selected' : ''}`}
                        style={{ '--hl': labelBackground(f.analyser, f.label) }}
                        aria-describedby="details"
                        {...handlers({ key, findings: [f] })}
                      >
                        {labelDisplayName(f.label)} <span class="num">{formatScore(f.score)}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            {reuse.has(p.index) && (
              <ul class="reuse-notes">
                {reuse.get(p.index)!.map((note) => (
                  <ReuseNoteItem
                    key={note.article}
                    report={report}
                    note={note}
                    title={titles?.get(note.article)}
                  />
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </article>
  );
}

/** “This paragraph also appears in <other article> (id · line 4 · similarity 0.97)”, with the shared words when only part is. */
function ReuseNoteItem({
  report,
  note,
  title,
}: {
  report: Report;
  note: ReuseNote;
  title: string | undefined;
}) {
  const { t } = useI18n();
  const facts = [
    title && note.article,
    note.line !== null && `${t('line')} ${note.line}`,
    `${t('similarity')} ${note.similarity.toFixed(2)}`,
    note.nearDuplicate && t('nearDuplicate'),
  ].filter(Boolean);
  return (
    <li>
      {note.whole ? t('reuseAlso') : t('reusePartAlso')}{' '}
      <a href={articleHash(note.article)} dir="auto">
        {title || note.article}
      </a>{' '}
      <span class="muted">({facts.join(' · ')})</span>
      {!note.whole && (
        <>
          {': '}
          <q dir="auto">{excerpt(report, note.shared, 120)}</q>
        </>
      )}
    </li>
  );
}

function describe(findings: Finding[]): string {
  return findings.map((f) => `${analyserDisplayName(f.analyser)}: ${labelDisplayName(f.label)}`).join('\n');
}
