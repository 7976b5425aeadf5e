/**
 * The HTTP server: the analyse API, the store endpoints, the OpenAPI document, health, and the
 * built web UI. Analyses run on a pool of worker threads (or in-process with `workers: 0`), ready
 * before the server listens. `buildServer` returns a ready fastify instance, so tests drive it
 * with `inject` and `spinlens serve` calls `listen`; closing it drains the pool and the store.
 */
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Store } from '../corpus/store.ts';
import { defaultModelStore } from '../learn/store.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import { TOOL_VERSION } from '../version.ts';
import { type Analysis, inProcessAnalysis, poolAnalysis } from './analysis.ts';
import { noStore, registerCorpusRoutes } from './corpus-routes.ts';
import { FLAG_VALUES, isOn } from './corpus-schemas.ts';
import { ApiError, toApiError } from './errors.ts';
import { type AnalyzeOptions, type ArticleInput, jsonOptions, readOptions, type Upload } from './ingest.ts';
import { DEFAULT_BODY_BYTES, DEFAULT_TIMEOUT_MS, QUEUE_PER_WORKER } from './limits.ts';
import { openApiDocument } from './openapi.ts';
import type { AnalysersResponse, HealthResponse } from './schemas.ts';
import { DEFAULT_WEB_ROOT, loadStaticFiles } from './static.ts';
import { StoreCache } from './store-cache.ts';
import { StoreRun } from './store-run.ts';

export interface ServerOptions {
  pipeline: Pipeline;
  /** Largest accepted request body (JSON or file), in bytes. */
  bodyBytes?: number;
  /** Longest a request may take, from its first byte to its analysis done. */
  timeoutMs?: number;
  /** Analysis worker threads; 0 (the default) analyses in the request's thread. */
  workers?: number;
  /** Articles waiting for a worker before new ones are refused (default 4 per worker). */
  queueLimit?: number;
  /** The store file the store endpoints read (and `?store=1` writes); none when absent. */
  db?: string;
  /** pino JSON logs: true for info level, false in tests. */
  logger?: boolean;
  /** Folder of the built web UI. */
  webRoot?: string;
  /** Languages whose models are loaded in-process, for /api/health. */
  modelsLoaded?: () => string[];
  /** Modules of extra analysers for the pool's workers (tests only: see WorkerData). */
  testAnalysers?: string[];
}

/** Security headers on every response; the UI is same-origin scripts and styles only. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const RAW_TYPES = ['application/octet-stream', 'text/plain', 'text/html'];

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { pipeline } = options;
  const bodyBytes = options.bodyBytes ?? DEFAULT_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const modelsLoaded = options.modelsLoaded ?? (() => defaultModelStore().loaded());
  const workers = options.workers ?? 0;
  const files = loadStaticFiles(options.webRoot ?? DEFAULT_WEB_ROOT);
  const started = Date.now();

  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: bodyBytes,
    requestTimeout: timeoutMs,
    return503OnClosing: true,
    // Clients cannot hold connections open forever; fastify closes idle ones on shutdown.
    keepAliveTimeout: 5_000,
  });

  await app.register(fastifyMultipart, { limits: { fileSize: bodyBytes, files: 1, fields: 10 } });
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: bodyBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error as Error);
    if (apiError.code === 'internal') request.log.error({ err: error }, 'request failed');
    if (apiError.retryAfter !== undefined) reply.header('retry-after', String(apiError.retryAfter));
    return reply.code(apiError.statusCode).send(apiError.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(404).send(error.body());
  });

  const analysis: Analysis =
    workers > 0
      ? await poolAnalysis(pipeline, {
          workers,
          queueLimit: options.queueLimit ?? QUEUE_PER_WORKER * workers,
          timeoutMs,
          onRestart: (restart) => app.log.warn({ restart }, 'analysis worker replaced'),
          ...(options.testAnalysers ? { testAnalysers: options.testAnalysers } : {}),
        })
      : inProcessAnalysis(pipeline, modelsLoaded);
  let store: Store | undefined;
  try {
    store = options.db === undefined ? undefined : new Store(options.db);
  } catch (error) {
    await analysis.close();
    throw error;
  }
  const cache = store && new StoreCache(store.db);
  const saved = store && new StoreRun(store, () => cache?.changed());
  // Drain first (requests in flight may still store their article), then close the store.
  app.addHook('onClose', async () => {
    await analysis.close();
    saved?.finish();
    store?.close();
  });
  const deadline = (elapsedMs: number) => performance.now() - elapsedMs + timeoutMs;

  app.get(
    '/api/health',
    async (): Promise<HealthResponse> => ({
      status: 'ok',
      version: TOOL_VERSION,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      analysers: pipeline.analysers.map(({ name, version }) => ({ name, version })),
      models: analysis.models(),
      limits: { bodyBytes, timeoutMs },
      analysis: analysis.state(),
      store: store !== undefined,
    }),
  );

  app.get(
    '/api/analysers',
    async (): Promise<typeof AnalysersResponse.static> => ({
      analysers: pipeline.analysers.map(({ name, version, description, after }) => ({
        name,
        version,
        description,
        after: [...(after ?? [])],
      })),
    }),
  );

  const openapi = openApiDocument({ bodyBytes, timeoutMs });
  app.get('/openapi.json', async () => openapi);

  app.post('/api/analyze', async (request, reply) => {
    const keep = storeWanted(request);
    if (keep && !saved) throw noStore();
    // Refused before anything costly: the article is built (decoded, split, its language
    // identified) by the worker that analyses it, or here with `workers: 0`.
    analysis.admit();
    const { input } = await readRequest(request, bodyBytes);
    const { rendered, kept } = await analysis.answer(input, deadline(reply.elapsedTime), keep);
    if (kept) saved?.save(kept);
    reply.type(rendered.contentType);
    if (rendered.csp) reply.header('content-security-policy', rendered.csp);
    return rendered.body;
  });

  registerCorpusRoutes(app, { store, cache, analysis, deadline });

  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
    app.route({ method, url: '/api/analyze', handler: methodNotAllowed });
  }

  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const file = files.get(path);
    if (!file) {
      if (path === '/' && files.size === 0) {
        throw new ApiError(404, 'not_found', 'the web UI is not built: run `npm run build`');
      }
      throw new ApiError(404, 'not_found', `no route GET ${path}`);
    }
    reply.header('etag', file.etag);
    reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.contentType).send(file.body);
  });

  return app;
}

async function methodNotAllowed(_request: FastifyRequest, reply: FastifyReply): Promise<never> {
  reply.header('allow', 'POST');
  throw new ApiError(405, 'method_not_allowed', 'use POST /api/analyze');
}

/** `?store=1` or a JSON body's `store: true`: keep the analysed article in the store too. */
function storeWanted(request: FastifyRequest): boolean {
  const inQuery = (request.query as Record<string, unknown>).store;
  const inBody = Buffer.isBuffer(request.body)
    ? undefined
    : (request.body as { store?: unknown } | undefined)?.store;
  if (inQuery !== undefined && !(FLAG_VALUES as readonly unknown[]).includes(inQuery)) {
    throw new ApiError(
      400,
      'bad_parameter',
      `store must be 1, true, 0 or false, not ${JSON.stringify(inQuery)}`,
    );
  }
  if (inBody !== undefined && typeof inBody !== 'boolean') {
    throw new ApiError(400, 'bad_parameter', `store must be true or false, not ${JSON.stringify(inBody)}`);
  }
  return isOn(inQuery as string | undefined) || inBody === true;
}

async function readRequest(
  request: FastifyRequest,
  bodyBytes: number,
): Promise<{ input: ArticleInput; options: AnalyzeOptions }> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const query = request.query as Record<string, unknown>;
  const json = (body: unknown) => ({ input: { kind: 'json', body } as const, options: jsonOptions(body) });
  const upload = (file: Upload, options: AnalyzeOptions) => ({
    input: { kind: 'upload', upload: file, options, maxBytes: bodyBytes } as const,
    options,
  });
  if (mediaType === 'application/json') return json(request.body);
  if (request.isMultipart()) {
    let file: { bytes: Buffer; fileName: string; mediaType: string } | undefined;
    const fields: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          continue;
        }
        file = { bytes: await part.toBuffer(), fileName: part.filename, mediaType: part.mimetype };
      } else {
        fields[part.fieldname] = part.value;
      }
    }
    const options = readOptions(fields.lang ?? query.lang, fields.format ?? query.format);
    if (!file) {
      if (typeof fields.text === 'string')
        return json({ text: fields.text, title: fields.title, ...options });
      throw new ApiError(400, 'missing_text', 'the form needs a file field "file" (or a text field "text")');
    }
    return upload(file, options);
  }
  if (RAW_TYPES.includes(mediaType) && Buffer.isBuffer(request.body)) {
    const fileName = typeof query.filename === 'string' && query.filename ? query.filename : undefined;
    return upload(
      { bytes: request.body, mediaType, ...(fileName ? { fileName } : {}) },
      readOptions(query.lang, query.format),
    );
  }
  throw new ApiError(
    415,
    'unsupported_media_type',
    'send application/json, multipart/form-data, application/octet-stream, text/plain or text/html',
  );
}
