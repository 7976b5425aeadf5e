/**
 * Chromium for browser tests (Debian's /usr/bin/chromium, headless, fresh profile, nothing phoning
 * home), a watch on what a page does, and an up-to-date build of the UI.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEFAULT_WEB_ROOT } from '../../src/server/static.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or false when they can. */
export const skipBrowser: string | false = existsSync(CHROMIUM)
  ? false
  : `no browser at ${CHROMIUM} (apt-get install chromium; .ci/run installs it): browser tests skipped`;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'spinlens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page under test, watched for requests to other origins, CSP violations, dialogs and script errors. */
export interface Watched {
  page: Page;
  foreign: string[];
  violations: string[];
  dialogs: string[];
  errors: string[];
  assertClean(): void;
}

export async function watch(browser: Browser, origin: string): Promise<Watched> {
  const page = await browser.context.newPage();
  const watched: Watched = {
    page,
    foreign: [],
    violations: [],
    dialogs: [],
    errors: [],
    assertClean() {
      assert.deepEqual(watched.foreign, [], 'requests to other origins');
      assert.deepEqual(watched.violations, [], 'CSP violations');
      assert.deepEqual(watched.errors, [], 'script errors');
    },
  };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) watched.foreign.push(url);
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watched.violations.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('dialog', async (dialog) => {
    watched.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return watched;
}

const WEB_SOURCES = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'src/report/labels.ts',
  'src/report/layout.ts',
];
const BUILT = `${DEFAULT_WEB_ROOT}/index.html`;
const LOCK = 'web/.build-lock';

/**
 * Builds the UI when it is missing or older than its sources, so browser tests never test a
 * stale bundle. Test files run in parallel: a lock folder lets one build while the others wait.
 */
export async function ensureWebBuild(): Promise<void> {
  for (let waited = 0; !tryLock(); waited += 100) {
    if (waited > 60_000) throw new Error(`${LOCK} held for a minute: remove it if no build is running`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest(WEB_SOURCES)) return;
    const { build } = await import('vite');
    await build({ configFile: 'web/vite.config.ts', logLevel: 'error' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    return false;
  }
}

function newest(paths: readonly string[]): number {
  return Math.max(
    ...paths.map((path) =>
      statSync(path).isDirectory()
        ? newest(readdirSync(path).map((name) => join(path, name)))
        : statSync(path).mtimeMs,
    ),
  );
}
