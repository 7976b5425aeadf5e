import { analyserDisplayName, labelBackground, labelDisplayName } from '../../../src/report/labels.ts';
import { attributeSummary, formatScore } from '../../../src/report/layout.ts';
import { useI18n } from '../context.ts';
import { excerpt, type Finding, groupBy, panelGroups, type Report } from '../model.ts';

/**
 * Attributes that gather an analyser's findings into groups (a quote's speaker, a repeated
 * passage's group, an entity's canonical name): the first one the findings carry is used.
 */
const GROUP_ATTRIBUTES = ['speaker', 'group', 'entity', 'canonical', 'cluster', 'name'];

/** One panel per analyser with findings below article level: quotes, sources, entities, dates, repetitions… */
export function Panels({ report }: { report: Report }) {
  const { t, name } = useI18n();
  const groups = panelGroups(report);
  return (
    <section class="panels" aria-label={t('findings')}>
      {groups.map(([analyser, findings]) => (
        <section key={analyser} class={`panel panel-${analyser}`} aria-labelledby={`panel-${analyser}`}>
          <h2 id={`panel-${analyser}`}>
            {name(analyserDisplayName(analyser))} <span class="num muted">{findings.length}</span>
          </h2>
          <Grouped report={report} findings={findings} />
        </section>
      ))}
    </section>
  );
}

function Grouped({ report, findings }: { report: Report; findings: Finding[] }) {
  const { t } = useI18n();
  const attribute = GROUP_ATTRIBUTES.find((a) => findings.some((f) => f.attributes?.[a] !== undefined));
  const groups = attribute ? groupBy(findings, attribute) : [];
  if (!attribute || groups.length === findings.length)
    return <FindingList report={report} findings={findings} />;
  return (
    <div>
      {groups.map(([value, members]) => (
        <div key={value} class="group">
          <h3 dir="auto">
            {heading(report, attribute, value, members, t('unattributed'))}{' '}
            {members.length > 1 && (
              <span class="muted num">
                {members.length} {attribute === 'group' ? t('occurrences') : ''}
              </span>
            )}
          </h3>
          <FindingList report={report} findings={members} omit={attribute} />
        </div>
      ))}
    </div>
  );
}

function FindingList({ report, findings, omit }: { report: Report; findings: Finding[]; omit?: string }) {
  const { t } = useI18n();
  return (
    <ul class="finding-list">
      {findings.map((f, i) => {
        const target = f.span
          ? `seg-${f.span.start}`
          : f.paragraph !== undefined
            ? `para-${f.paragraph}`
            : undefined;
        const attributes = attributeSummary(withoutAttribute(f, omit));
        const paragraph = f.paragraph === undefined ? undefined : report.article.paragraphs[f.paragraph];
        return (
          <li key={i}>
            <span class="tag" style={{ '--hl': labelBackground(f.analyser, f.label) }}>
              {labelDisplayName(f.label)}
            </span>{' '}
            <span class="num muted">{formatScore(f.score)}</span>
            {paragraph && (
              <span class="muted">
                {' '}
                · {t('line')} {paragraph.line}
              </span>
            )}
            {target ? (
              <button
                type="button"
                class="link excerpt-link"
                dir="auto"
                onClick={() => reveal(target)}
                title={t('showInText')}
              >
                {excerpt(report, f)}
              </button>
            ) : (
              <span dir="auto"> {excerpt(report, f)}</span>
            )}
            {attributes && (
              <span class="attrs muted" dir="auto">
                {attributes}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A group's heading: the speaker or name itself; for numbered groups (repetitions), the repeated words. */
function heading(
  report: Report,
  attribute: string,
  value: string,
  members: Finding[],
  unattributed: string,
): string {
  if (value === '') return attribute === 'speaker' ? unattributed : '—';
  if (attribute === 'group' && members[0]) return `“${excerpt(report, members[0], 80)}”`;
  return value;
}

function withoutAttribute(finding: Finding, name: string | undefined): Finding {
  if (!name || !finding.attributes) return finding;
  const { [name]: _, ...rest } = finding.attributes;
  return { ...finding, attributes: rest };
}

/** Scrolls to the passage in the article and focuses it, which shows its details. */
function reveal(id: string): void {
  const element = document.getElementById(id);
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  element?.focus({ preventScroll: true });
}
