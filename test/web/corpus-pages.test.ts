/**
 * The Corpus, stored article and Compare pages in chromium, against the real server and a small
 * store written by the real batch code from test/fixtures/web/corpus.jsonl (eleven articles in
 * nine languages, four scripts; two English articles share a wire paragraph and a quote).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { languageAnalyser } from '../../src/analysers/language/index.ts';
import { runBatch } from '../../src/corpus/batch.ts';
import { Store } from '../../src/corpus/store.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { buildServer } from '../../src/server/app.ts';
import { type Browser, ensureWebBuild, launchBrowser, skipBrowser, type Watched, watch } from './browser.ts';

const CORPUS = 'test/fixtures/web/corpus.jsonl';
const SCREENSHOTS = 'docs/screenshots';
const SHARED_QUOTE = 'We will not let this harbour silt up again';
/** What the pages draw (charts: genre, frames, techniques; compare: quotes, entities); dates and spans cost most and show nothing new here. */
const ANALYSERS = ['language', 'quotes', 'sources', 'entities', 'genre', 'frames', 'techniques'];

/** Technique findings per 1,000 paragraphs by outlet, counted from the stored reports themselves. */
function expectedRates(db: string): Map<string, string> {
  const store = new Store(db, { mustExist: true });
  try {
    const rows = store.db.prepare('SELECT id FROM articles').pluck().all() as number[];
    const totals = new Map<string, { paragraphs: number; techniques: number }>();
    for (const row of rows) {
      const report = store.report(row)!;
      const outlet = report.article.metadata.outlet ?? '(none)';
      const total = totals.get(outlet) ?? { paragraphs: 0, techniques: 0 };
      total.paragraphs += report.article.paragraphs.length;
      total.techniques += report.findings.filter((f) => f.analyser === 'techniques').length;
      totals.set(outlet, total);
    }
    return new Map(
      [...totals].map(([outlet, t]) => [outlet, ((t.techniques * 1000) / t.paragraphs).toFixed(1)]),
    );
  } finally {
    store.close();
  }
}

describe('the Corpus and Compare pages in chromium', { skip: skipBrowser }, () => {
  let scratch: string;
  let db: string;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let base: string;
  let bareBase: string;
  let browser: Browser;

  before(async () => {
    await ensureWebBuild();
    scratch = mkdtempSync(join(tmpdir(), 'spinlens-web-corpus-'));
    db = join(scratch, 'corpus.db');
    const batch = await runBatch({ inputs: [CORPUS], db, workers: 1, analysers: ANALYSERS });
    assert.equal(batch.analysed, 11, JSON.stringify(batch.failures));
    const pipeline = () => new Pipeline([languageAnalyser]);
    app = await buildServer({ pipeline: pipeline(), logger: false, db });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    bare = await buildServer({ pipeline: pipeline(), logger: false });
    bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await bare?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function open(hash: string, origin = base): Promise<Watched> {
    const watched = await watch(browser, origin);
    await watched.page.goto(`${origin}/${hash}`);
    return watched;
  }

  /** Waits for the list's "1–2 of 2" line (string predicates would break the page's CSP). */
  async function listCount(page: Page, text: string): Promise<void> {
    await page.locator('#list-count', { hasText: new RegExp(`^${text}$`) }).waitFor();
  }

  async function listIds(page: Page): Promise<string[]> {
    return page
      .locator('.article-list li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-id') ?? ''));
  }

  test('charts show the store’s own numbers; the list is searchable, filterable and opens the stored analysis', async () => {
    const watched = await open('#/corpus');
    const { page } = watched;
    await page.locator('#chart-rates tbody tr').first().waitFor();

    const expected = expectedRates(db);
    const shown = new Map(
      await page
        .locator('#chart-rates tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [r.getAttribute('data-group') ?? '', r.querySelector('.rate')?.textContent ?? '']),
        ),
    );
    assert.deepEqual(shown, expected);
    assert.equal(
      await page.locator('#chart-rates th', { hasText: 'not given' }).count(),
      1,
      '(none) in words',
    );
    // Nine dated articles over three months; the line chart has a point per month.
    assert.equal(await page.locator('#chart-trend circle').count(), 3);
    assert.equal(await page.locator('#chart-genres tbody tr').count(), expected.size);
    assert.equal(await page.locator('#chart-techniques, #chart-frames').count(), 2);

    // Every article listed, titles in Latin, Cyrillic, Greek and Georgian letters, markup as text.
    assert.equal(await page.locator('#list-count').textContent(), '1–11 of 11');
    const titles = await page.locator('.article-list .item-title').allTextContents();
    for (const title of [
      'Рыбаки недовольны ремонтом порта',
      'Εργασίες βυθοκόρησης στο λιμάνι',
      'ნავსადგურის არხის გაწმენდა მარტში დაიწყება',
      'Harbour fees: a <em>disgraceful</em> betrayal of the fleet',
    ]) {
      assert.ok(titles.includes(title), title);
    }
    assert.equal(await page.locator('.article-list em').count(), 0);

    await page.fill('input[name="q"]', 'dredging');
    await page.press('input[name="q"]', 'Enter');
    await listCount(page, '1–2 of 2');
    assert.deepEqual((await listIds(page)).sort(), ['bugle-dredging', 'post-dredging']);
    assert.match(page.url(), /#\/corpus\?.*q=dredging/);

    await page.selectOption('select[name="lang"]', 'fr');
    await page.locator('#list-count').waitFor({ state: 'detached' });
    assert.equal(await page.locator('.article-list li').count(), 0, 'no French article says "dredging"');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await listCount(page, '1–11 of 11');
    await page.selectOption('select[name="lang"]', 'ru');
    await listCount(page, '1–1 of 1');
    assert.deepEqual(await listIds(page), ['vestnik-port']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.fill('input[name="q"]', 'dredging');
    await page.press('input[name="q"]', 'Enter');
    await listCount(page, '1–2 of 2');

    // Click-through: the stored analysis, drawn as on the Analyse page.
    await page.getByRole('link', { name: 'Eleven weeks of dredging for Port Selwick' }).click();
    await page.locator('.article .para').first().waitFor();
    assert.match(page.url(), /#\/article\/post-dredging$/);
    assert.equal(
      await page.locator('.article-title').textContent(),
      'Eleven weeks of dredging for Port Selwick',
    );
    assert.ok(
      (await page.locator('mark.hl-quote').count()) >= 1,
      'quotes highlighted as on the Analyse page',
    );
    // Reused text noted under each paragraph it is in (lines 5 and 7 here, lines 3 and 5 there),
    // the other article's title a link to it; the panel sums it up.
    const notes = page.locator('.para .reuse-notes li', { hasText: 'Channel dredging to begin in March' });
    await notes.first().waitFor();
    assert.deepEqual(
      await page
        .locator('.para:has(.reuse-notes)')
        .evaluateAll((paras) => paras.map((p) => p.querySelector('.ln')?.textContent)),
      ['5', '7'],
    );
    assert.deepEqual(await notes.allTextContents(), [
      'This paragraph also appears in Channel dredging to begin in March (bugle-dredging · line 3 · similarity 1.00)',
      'This paragraph also appears in Channel dredging to begin in March (bugle-dredging · line 5 · similarity 1.00)',
    ]);
    assert.equal(
      await page.locator('.para mark[title*="Reused text"]').count(),
      0,
      'reused text is a note, not a highlight',
    );
    assert.match(
      (await page.locator('.reuse-panel li').textContent()) ?? '',
      /^Channel dredging to begin in March \(bugle-dredging · text overlap 0\.\d\d\) shared paragraphs: line 5, line 7$/,
    );
    await page.locator('.reuse-panel').getByRole('button', { name: 'line 7' }).click();
    assert.equal(await page.evaluate('document.activeElement?.querySelector(".ln")?.textContent'), '7');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no sideways scrolling on a narrow screen (${overflow}px)`);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.selectOption('header select', 'fr');
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    assert.match(
      (await notes.first().textContent()) ?? '',
      /^Ce paragraphe apparaît aussi dans Channel dredging/,
    );
    await page.selectOption('header select', 'en');

    await notes.first().getByRole('link', { name: 'Channel dredging to begin in March' }).click();
    await page.locator('.article-title', { hasText: 'Channel dredging to begin in March' }).waitFor();
    assert.match(page.url(), /#\/article\/bugle-dredging$/);
    await page
      .locator('.para .reuse-notes li', { hasText: 'Eleven weeks of dredging for Port Selwick' })
      .first()
      .waitFor();

    // Back to the same filtered list.
    await page.getByRole('link', { name: '← Corpus' }).click();
    await listCount(page, '1–2 of 2');
    assert.equal(await page.inputValue('input[name="q"]'), 'dredging');
    watched.assertClean();
    await page.close();
  });

  test('compare: ticked articles side by side, a shared quote found, a third added by id', async () => {
    const watched = await open('#/corpus?q=dredging');
    const { page } = watched;
    await listCount(page, '1–2 of 2');
    for (const id of ['bugle-dredging', 'post-dredging']) {
      await page.locator(`.article-list li[data-id="${id}"] input[type="checkbox"]`).check();
    }
    await page.getByRole('link', { name: /Compare the ticked articles \(2\)/ }).click();
    await page.locator('#cmp-shared-quotes').waitFor();
    assert.match(page.url(), /#\/compare\?ids=bugle-dredging,post-dredging$/);
    const shared = page.locator('.cmp-block:has(#cmp-shared-quotes) tbody tr', { hasText: SHARED_QUOTE });
    assert.equal(await shared.count(), 1);
    assert.deepEqual(await shared.locator('td').allTextContents(), ['line 5', 'line 7']);
    assert.match((await shared.locator('th').textContent()) ?? '', /Marta Ilves/);
    assert.equal(await page.locator('.cmp-article').count(), 2);

    await page.fill('input[name="id"]', 'gazette-dragage');
    await page.press('input[name="id"]', 'Enter');
    await page.locator('.cmp-article').nth(2).waitFor();
    assert.match(page.url(), /ids=bugle-dredging,post-dredging,gazette-dragage$/);
    const claims = page.locator('#cmp-claims ~ .side-by-side .cmp-column[data-key="C"]');
    assert.match((await claims.textContent()) ?? '', /pêcheurs demandent/);
    await page.screenshot({ path: `${SCREENSHOTS}/compare.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no sideways scrolling on a narrow screen (${overflow}px)`);
    watched.assertClean();
    await page.close();
  });

  test('keyboard only: from the navigation to the Corpus, then into an article', async () => {
    const watched = await open('#/');
    const { page } = watched;
    await page.locator('form.input').waitFor();
    const tabTo = async (test: string, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(test)) return;
      }
      assert.fail(`Tab never reached ${test}`);
    };
    await tabTo("document.activeElement?.textContent === 'Corpus'");
    await page.keyboard.press('Enter');
    await page.locator('.article-list li').first().waitFor();
    await tabTo("document.activeElement?.classList.contains('item-title') === true");
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    assert.ok(outline === 'solid' || outline === 'auto', `visible focus (${outline})`);
    const title = await page.evaluate<string>('document.activeElement.textContent');
    await page.keyboard.press('Enter');
    await page.locator('.article-title').waitFor();
    assert.equal(await page.locator('.article-title').textContent(), title);
    watched.assertClean();
    await page.close();
  });

  test('screenshot, narrow screen and French', async () => {
    const watched = await open('#/corpus');
    const { page } = watched;
    await page.locator('.article-list li').first().waitFor();
    await page.locator('#chart-trend circle').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/corpus.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no sideways scrolling on a narrow screen (${overflow}px)`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Pages of 20: from the eleventh article, Previous leads back to the first page.
    await page.goto(`${base}/#/corpus?offset=10`);
    await listCount(page, '11–11 of 11');
    await page.getByRole('link', { name: '← Previous' }).click();
    await listCount(page, '1–11 of 11');

    await page.selectOption('header select', 'fr');
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.controls .field span').first().textContent(), 'Regrouper par');
    assert.match((await page.locator('#list-count').textContent()) ?? '', /^1–11 sur 11$/);
    assert.equal(await page.locator('#chart-rates th', { hasText: 'non renseigné' }).count(), 1);
    await page.selectOption('header select', 'en');
    watched.assertClean();
    await page.close();
  });

  test('without a store, both pages say how to start the server with one', async () => {
    for (const hash of ['#/corpus', '#/compare?ids=a,b', '#/article/a']) {
      const watched = await open(hash, bareBase);
      const { page } = watched;
      const problem = page.locator('.no-store');
      await problem.waitFor();
      assert.match((await problem.textContent()) ?? '', /spinlens serve --db news\.db/, hash);
      await page.close();
    }
  });
});
