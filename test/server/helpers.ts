import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { defaultAnalysers } from '../../src/analysers/registry.ts';
import type { Analyser } from '../../src/pipeline/analyser.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';

export const ARTICLE = 'test/fixtures/server/harbour-en.txt';

/** A web root with a tiny stand-in build, so API tests do not depend on `npm run build`. */
export function fakeWebRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'spinlens-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
  );
  writeFileSync(join(root, 'assets', 'app-1.js'), 'console.log(1);\n');
  return root;
}

/** A server on the given analysers (default: all shipped ones), quiet, with a stand-in web build. */
export function testServer(
  analysers: Analyser[] = defaultAnalysers(),
  options: Partial<ServerOptions> = {},
): Promise<FastifyInstance> {
  return buildServer({
    pipeline: new Pipeline(analysers),
    logger: false,
    webRoot: fakeWebRoot(),
    ...options,
  });
}
