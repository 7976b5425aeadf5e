/**
 * The built web UI (`web/dist/`, made by `npm run build`), read into memory at startup: a few
 * small files, served with their hash as ETag. Hashed assets under /assets/ are cached for good.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `vite build` writes, from src/server/ and from dist/server/ alike. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** URL path (`/`, `/assets/index-abc.js`) → file; empty when the UI has not been built. */
export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(root)) return files;
  for (const path of walk(root)) {
    const contentType = TYPES[extname(path)];
    if (!contentType) continue;
    const body = readFileSync(path);
    const url = `/${relative(root, path).split(sep).join('/')}`;
    files.set(url, {
      body,
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: url.startsWith('/assets/'),
    });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
