import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { languageAnalyser } from '../../src/analysers/language/index.ts';
import { quotesAnalyser } from '../../src/analysers/quotes/index.ts';
import { repetitionAnalyser } from '../../src/analysers/repetition/index.ts';
import type { Report } from '../../src/pipeline/report.ts';
import { validateReport } from '../../src/report/validate.ts';
import { spinlens } from '../cli/helpers.ts';
import { ARTICLE, testServer } from './helpers.ts';

const articleText = readFileSync(ARTICLE, 'utf8');

function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; content: Buffer | string },
) {
  const boundary = '----spinlens-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('HTTP API', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await testServer();
  });
  after(() => app.close());

  const analyze = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/analyze', payload: payload as object });

  test('GET /api/health reports status, version, analysers, models and limits', async () => {
    const response = await app.inject('/api/health');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.ok(body.analysers.some((a: { name: string }) => a.name === 'quotes'));
    assert.ok(Array.isArray(body.models));
    assert.equal(body.limits.bodyBytes, 2 * 1024 * 1024);
  });

  test('every response carries the security headers', async () => {
    for (const url of ['/api/health', '/', '/nowhere']) {
      const response = await app.inject(url);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['referrer-policy'], 'no-referrer');
    }
  });

  test('GET /api/analysers lists name, version, description and dependencies in run order', async () => {
    const { analysers } = (await app.inject('/api/analysers')).json();
    assert.equal(analysers[0].name, 'language');
    for (const a of analysers) {
      assert.equal(typeof a.version, 'string');
      assert.ok(a.description.length > 0);
      assert.ok(Array.isArray(a.after));
    }
  });

  test('GET /openapi.json is an OpenAPI 3.1 document with the analyse request and report schemas', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/analyze'].post.requestBody.content['application/json']);
    assert.ok(doc.paths['/api/health'].get);
    assert.deepEqual(doc.components.schemas.AnalyzeRequest.required, ['text']);
    assert.equal(doc.components.schemas.Report.properties.schema.const, 'spinlens.report/1');
  });

  test('POST /api/analyze with JSON returns a valid report of the text', async () => {
    const response = await analyze({ text: articleText });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const report: Report = response.json();
    assert.deepEqual(validateReport(report), []);
    assert.equal(report.article.text, articleText);
    assert.equal(report.article.title, 'Harbour board approves dredging plan despite protests');
    assert.equal(report.article.language.code, 'en');
    assert.ok(
      report.findings.some((f) => f.analyser === 'quotes' && f.attributes?.speaker === 'Marta Ilves'),
    );
    assert.ok(report.findings.some((f) => f.label === 'repeated-sentence'));
    // Same text, same id: articles without a file name are named by their content.
    assert.equal((await analyze({ text: articleText })).json().article.id, report.article.id);
  });

  test('the report equals the CLI report of the same file, timings and source aside', async () => {
    const cli = await spinlens(['analyze', '--format', 'json', ARTICLE]);
    assert.equal(cli.code, 0);
    const upload = multipart({}, { name: 'harbour-en.txt', type: 'text/plain', content: articleText });
    const api: Report = (await app.inject({ method: 'POST', url: '/api/analyze', ...upload })).json();
    const strip = (r: Report) => ({
      ...r,
      analysers: r.analysers.map(({ name, version }) => ({ name, version })),
      article: { ...r.article, metadata: { ...r.article.metadata, source: '' } },
    });
    assert.deepEqual(strip(api), strip(JSON.parse(cli.stdout)));
  });

  test('a title becomes line 1 and lang overrides detection', async () => {
    const report: Report = (
      await analyze({ title: 'A short\ntitle', text: 'Le conseil a voté.', lang: 'fr' })
    ).json();
    assert.equal(report.article.title, 'A short title');
    assert.deepEqual(
      report.article.paragraphs.map((p) => [p.line, p.kind]),
      [
        [1, 'title'],
        [3, 'body'],
      ],
    );
    assert.deepEqual(report.article.language, { code: 'fr', confidence: 1, method: 'override' });
  });

  test('format text, html and semeval', async () => {
    const text = await analyze({ text: articleText, format: 'text' });
    assert.match(String(text.headers['content-type']), /^text\/plain/);
    assert.match(text.body, /Harbour board approves/);
    assert.ok(!text.body.includes('\u001b['), 'no colour codes');

    const html = await analyze({ text: articleText, format: 'html' });
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(html.body, /^<!doctype html>/);
    assert.match(String(html.headers['content-security-policy']), /default-src 'none'/);

    const rows = await analyze({ text: articleText, format: 'semeval' });
    assert.equal(rows.statusCode, 200);
    const lines = rows.body.replace(/\n$/, '').split('\n');
    assert.deepEqual(
      lines.map((l) => l.split('\t')[1]),
      ['1', '3', '4', '5', '6', '7'],
    );
    for (const line of lines) assert.equal(line.split('\t').length, 3);
  });

  test('format semeval without the techniques analyser is a 422 analyser_unavailable', async () => {
    const small = await testServer([languageAnalyser, repetitionAnalyser]);
    const response = await small.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { text: articleText, format: 'semeval' },
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().code, 'analyser_unavailable');
    await small.close();
  });

  test('multipart upload of a saved HTML page is read as HTML', async () => {
    const page = readFileSync('examples/saved-page.html');
    const upload = multipart({ format: 'json' }, { name: 'page.html', type: 'text/html', content: page });
    const report: Report = (await app.inject({ method: 'POST', url: '/api/analyze', ...upload })).json();
    assert.equal(report.article.metadata.format, 'html');
    assert.equal(report.article.id, 'page');
    assert.doesNotMatch(report.article.text, /<p>|<\/?div/);
  });

  test('raw uploads: octet-stream with a file name, text/plain, text/html with options in the query', async () => {
    const raw = await app.inject({
      method: 'POST',
      url: '/api/analyze?filename=harbour.txt&lang=en',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(articleText)]),
    });
    assert.equal(raw.statusCode, 200);
    const report: Report = raw.json();
    assert.equal(report.article.id, 'harbour');
    assert.equal(report.article.text[0], '\ufeff');
    assert.equal(report.article.metadata.encoding, 'utf-8-bom');

    const plain = await app.inject({
      method: 'POST',
      url: '/api/analyze?format=text',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      payload: articleText,
    });
    assert.match(plain.body, /Harbour board/);

    const html = await app.inject({
      method: 'POST',
      url: '/api/analyze',
      headers: { 'content-type': 'text/html' },
      payload:
        '<html lang="de"><body><article><h1>Titel</h1><p>Der Rat hat am Montag abgestimmt.</p></article></body></html>',
    });
    assert.equal(html.json().article.metadata.format, 'html');
    assert.equal(html.json().article.language.code, 'de');
  });

  describe('bad requests get a 4xx with a machine-readable code', () => {
    const cases: [
      string,
      () => Promise<{ statusCode: number; json: () => { code: string; message: string } }>,
      number,
      string,
    ][] = [
      [
        'invalid JSON',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/analyze',
            headers: { 'content-type': 'application/json' },
            payload: '{"text": ',
          }),
        400,
        'invalid_json',
      ],
      [
        'empty JSON body',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/analyze',
            headers: { 'content-type': 'application/json' },
            payload: '',
          }),
        400,
        'invalid_json',
      ],
      ['JSON that is not an object', () => analyze([1, 2]), 400, 'invalid_request'],
      ['missing text', () => analyze({ title: 'Only a title' }), 400, 'missing_text'],
      ['blank text', () => analyze({ text: ' \n\t ' }), 400, 'missing_text'],
      ['text that is not a string', () => analyze({ text: 42 }), 400, 'missing_text'],
      ['bad language', () => analyze({ text: 'Hello.', lang: 'French' }), 400, 'bad_language'],
      ['bad format', () => analyze({ text: 'Hello.', format: 'pdf' }), 400, 'bad_format'],
      [
        'unsupported media type',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/analyze',
            headers: { 'content-type': 'application/xml' },
            payload: '<a/>',
          }),
        415,
        'unsupported_media_type',
      ],
      [
        'an upload of an unknown file type',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/analyze',
            ...multipart({}, { name: 'scan.pdf', type: 'application/pdf', content: '%PDF-1.4' }),
          }),
        415,
        'unsupported_media_type',
      ],
      [
        'binary data',
        () =>
          app.inject({
            method: 'POST',
            url: '/api/analyze',
            headers: { 'content-type': 'application/octet-stream' },
            payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0, 7, 8, 0, 0, 9]),
          }),
        422,
        'unreadable_input',
      ],
      [
        'a form without a file',
        () => app.inject({ method: 'POST', url: '/api/analyze', ...multipart({ lang: 'en' }) }),
        400,
        'missing_text',
      ],
      ['an unknown route', () => app.inject('/api/nothing-here'), 404, 'not_found'],
      ['an unknown page', () => app.inject('/corpus/page'), 404, 'not_found'],
      ['GET on the analyse endpoint', () => app.inject('/api/analyze'), 405, 'method_not_allowed'],
    ];
    for (const [name, send, status, code] of cases) {
      test(name, async () => {
        const response = await send();
        assert.equal(response.statusCode, status);
        const body = response.json();
        assert.equal(body.code, code);
        assert.ok(body.message.length > 0);
      });
    }

    test('a body over the limit is a 413 body_too_large, JSON and upload alike', async () => {
      const small = await testServer([languageAnalyser, quotesAnalyser], { bodyBytes: 1000 });
      const big = 'A sentence that repeats. '.repeat(100);
      const json = await small.inject({ method: 'POST', url: '/api/analyze', payload: { text: big } });
      assert.equal(json.statusCode, 413);
      assert.equal(json.json().code, 'body_too_large');
      const upload = await small.inject({
        method: 'POST',
        url: '/api/analyze',
        ...multipart({}, { name: 'big.txt', type: 'text/plain', content: big }),
      });
      assert.equal(upload.statusCode, 413);
      assert.equal(upload.json().code, 'body_too_large');
      await small.close();
    });
  });

  test('the web UI: index, hashed assets cached for good, ETag revalidation', async () => {
    const index = await app.inject('/');
    assert.equal(index.statusCode, 200);
    assert.match(String(index.headers['content-type']), /^text\/html/);
    assert.equal(index.headers['cache-control'], 'no-cache');
    const asset = await app.inject('/assets/app-1.js');
    assert.match(String(asset.headers['content-type']), /^text\/javascript/);
    assert.match(String(asset.headers['cache-control']), /immutable/);
    const again = await app.inject({ url: '/', headers: { 'if-none-match': String(index.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });
});
