import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Locator, Page } from 'playwright-core';
import { languageAnalyser } from '../../src/analysers/language/index.ts';
import { quotesAnalyser } from '../../src/analysers/quotes/index.ts';
import { repetitionAnalyser } from '../../src/analysers/repetition/index.ts';
import { sourcesAnalyser } from '../../src/analysers/sources/index.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { buildServer } from '../../src/server/app.ts';
import { ARTICLE } from '../server/helpers.ts';
import { type Browser, ensureWebBuild, launchBrowser, skipBrowser, type Watched, watch } from './browser.ts';
import { stubFrames, stubGenre, stubTechniques } from './stubs.ts';

const PROBES = 'test/fixtures/server/xss-probes.txt';
const SCREENSHOTS = 'docs/screenshots';

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

describe('the Analyse page in chromium', { skip: skipBrowser }, () => {
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  before(async () => {
    await ensureWebBuild();
    const pipeline = new Pipeline([
      languageAnalyser,
      repetitionAnalyser,
      quotesAnalyser,
      sourcesAnalyser,
      stubGenre,
      stubFrames,
      stubTechniques,
    ]);
    app = await buildServer({ pipeline, logger: false });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(): Promise<Watched> {
    const watched = await watch(browser, base);
    await watched.page.goto(`${base}/`);
    return watched;
  }

  async function paste(page: Page, text: string, title = ''): Promise<void> {
    if (title) await page.fill('input[name="title"]', title);
    await page.fill('textarea[name="text"]', text);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.article .para');
  }

  test('a pasted article shows highlights, quotes, repetitions, bars, the opinion strip, legend and panels', async () => {
    const watched = await open();
    const { page } = watched;
    await paste(page, readFileSync(ARTICLE, 'utf8'));

    const techniques = await page.locator('mark.hl-technique').allTextContents();
    assert.ok(techniques.includes('disgraceful betrayal'), techniques.join(' | '));
    assert.ok(techniques.includes('reckless board'));
    const colour = await page.evaluate(
      "getComputedStyle([...document.querySelectorAll('mark.hl-technique')].find((e) => e.textContent === 'disgraceful betrayal')).backgroundColor",
    );
    assert.match(String(colour), /^rgb\(/, 'a technique has a background colour');

    // Quoted speech is drawn apart from the author's voice, and a technique inside a quote is both.
    assert.equal(
      await page.evaluate("getComputedStyle(document.querySelector('mark.hl-quote')).fontStyle"),
      'italic',
    );
    assert.equal(
      await page.locator('mark.hl-quote.hl-technique', { hasText: 'sink our fishing fleet' }).count(),
      1,
    );
    assert.ok((await page.locator('mark.hl-repetition').count()) >= 2);

    assert.equal(await page.locator('.bars').count(), 2);
    assert.equal(await page.locator('.strip li').count(), 5);
    assert.equal(await page.locator('.chip', { hasText: 'Doubt' }).count(), 1);
    assert.equal(await page.locator('.legend .category').count(), 6);
    assert.equal(await page.locator('.legend .category li').count(), 23);
    assert.match(await textOf(page.locator('.panel-quotes')), /Marta Ilves/);
    assert.match(await textOf(page.locator('.panel-repetition')), /The dredging will begin in March/);

    // A panel entry leads to its passage in the text.
    await page.locator('.panel-quotes .excerpt-link').first().click();
    assert.match(await textOf(page.locator('#details')), /direct quote|direct-quote/i);
    watched.assertClean();
    await page.close();
  });

  test('keyboard only: Tab reaches a highlighted passage, its details show, the focus is visible', async () => {
    const watched = await open();
    const { page } = watched;
    await paste(page, readFileSync(ARTICLE, 'utf8'));
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate("document.activeElement?.matches('mark.hl') === true");
    }
    assert.ok(reached, 'a highlighted passage is reachable with Tab');
    const focused = page.locator('mark.hl:focus');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    assert.ok(outline === 'solid' || outline === 'auto', `visible focus outline (${outline})`);
    const text = (await focused.textContent()) ?? '';
    const details = await textOf(page.locator('#details'));
    assert.ok(details.includes(text.trim().slice(0, 20)), `details show the passage: ${details}`);
    assert.match(details, /score \d\.\d\d/);

    // Tab on to the technique inside the quote: its label, category and score show.
    for (let i = 0; i < 40; i++) {
      if ((await page.evaluate('document.activeElement?.textContent')) === 'sink our fishing fleet') break;
      await page.keyboard.press('Tab');
    }
    const fear = await textOf(page.locator('#details'));
    assert.match(fear, /Appeal to Fear-Prejudice/);
    assert.match(fear, /Justification/);
    assert.match(fear, /0\.66/);
    watched.assertClean();
    await page.close();
  });

  test('XSS probes in pasted text, titles and uploaded files stay inert text', async () => {
    const watched = await open();
    const { page } = watched;
    const probes = readFileSync(PROBES, 'utf8');
    await paste(page, probes, '<img src=z onerror="window.__xss = 8">');
    const article = await textOf(page.locator('.article'));
    assert.ok(article.includes('<script>window.__xss = 1</script>'), 'script tags show as text');
    assert.ok(article.includes('<a href="javascript:window.__xss = 4">click me</a>'));
    assert.ok(article.includes('<b <i>unclosed <p <<>> &lt;b&gt; &amp;'));
    assert.ok((await textOf(page.locator('.article-title'))).includes('onerror'));

    // Hover and focus everything the page made focusable, then click the would-be link.
    for (const mark of await page.locator('mark.hl').all()) {
      await mark.hover();
      await mark.focus();
    }
    await page.getByText('click me', { exact: false }).first().click();

    for (const file of [
      { name: 'probes.txt', mimeType: 'text/plain', buffer: Buffer.from(probes) },
      {
        name: 'probes.html',
        mimeType: 'text/html',
        buffer: Buffer.from(
          `<html><body onload="window.__xss = 9"><article><h1>Probe page</h1><p>${probes.replaceAll('\n', '</p><p>')}</p><p>Text &lt;script&gt;window.__xss = 10&lt;/script&gt; escaped in the page.</p></article></body></html>`,
        ),
      },
    ]) {
      await page.locator('input[type="file"]').setInputFiles(file);
      const expected = file.name === 'probes.html' ? 'escaped in the page' : 'Probe <script>';
      await page.locator('.article', { hasText: expected }).waitFor();
    }
    assert.ok((await textOf(page.locator('.article'))).includes('<script>window.__xss = 10</script>'));

    assert.equal(await page.evaluate('window.__xss'), undefined);
    assert.deepEqual(watched.dialogs, []);
    const injected = await page
      .locator(
        '.result script, .result img, .result svg, .result iframe, .result style, .result a[href^="javascript"]',
      )
      .count();
    assert.equal(injected, 0);
    assert.equal(await page.locator('script').count(), 1, 'only the app bundle');
    watched.assertClean();
    await page.close();
  });

  test('screenshots: wide and narrow, English and French', async () => {
    const watched = await open();
    const { page } = watched;
    await paste(page, readFileSync(ARTICLE, 'utf8'));
    await page.locator('mark.hl-technique', { hasText: 'disgraceful betrayal' }).focus();
    await page.screenshot({ path: `${SCREENSHOTS}/analyse-wide.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok(overflow <= 1, `no sideways scrolling on a narrow screen (${overflow}px)`);
    await page.screenshot({ path: `${SCREENSHOTS}/analyse-narrow.png`, fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.selectOption('header select', 'fr');
    assert.equal(await textOf(page.locator('button[type="submit"]')), 'Analyser');
    // The page sets <html lang> in an effect, after the render that changed the button.
    // A string predicate would be evaluated by the page, which its CSP forbids: wait on a selector.
    await page.locator('html[lang="fr"]').waitFor({ state: 'attached', timeout: 5000 });
    assert.ok(await page.locator('.legend h3', { hasText: 'Atteinte à la réputation' }).count());
    await page.locator('mark.hl-quote').first().focus();
    await page.screenshot({ path: `${SCREENSHOTS}/analyse-fr.png` });
    watched.assertClean();
    await page.close();
  });
});
