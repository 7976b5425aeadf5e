/**
 * The API's shapes as TypeBox schemas (JSON Schema values): the OpenAPI document is assembled
 * from them, and the request body is checked against the same rules (see ingest.ts).
 */
import { type Static, Type } from '@sinclair/typebox';

export const RESPONSE_FORMATS = ['json', 'text', 'html', 'semeval'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** ISO 639 code of 2 or 3 lowercase letters, as `spinlens analyze --lang` takes. */
export const LANGUAGE_PATTERN = '^[a-z]{2,3}$';

export const AnalyzeRequest = Type.Object(
  {
    text: Type.String({ minLength: 1, description: 'the article: paragraphs on separate lines' }),
    title: Type.Optional(
      Type.String({ description: 'the title; when given it becomes line 1 of the analysed text' }),
    ),
    lang: Type.Optional(
      Type.String({ pattern: LANGUAGE_PATTERN, description: 'language instead of detecting it, e.g. fr' }),
    ),
    store: Type.Optional(
      Type.Boolean({ description: 'also keep the analysed article in the store (the server needs --db)' }),
    ),
    format: Type.Optional(
      Type.Union(
        RESPONSE_FORMATS.map((f) => Type.Literal(f)),
        {
          default: 'json',
          description: 'json report, terminal-style text, HTML page or SemEval subtask-3 rows',
        },
      ),
    ),
  },
  { additionalProperties: true },
);
export type AnalyzeRequest = Static<typeof AnalyzeRequest>;

export const ErrorResponse = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String({
    description:
      'body_too_large, invalid_json, invalid_request, missing_text, bad_language, bad_format, bad_parameter, bad_ids, unsupported_media_type, unreadable_input, analyser_unavailable, not_found, article_not_found, method_not_allowed, no_store, overloaded, timeout, analysis_crashed, analysis_too_long, internal',
  }),
  message: Type.String(),
});

const Span = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });

export const Finding = Type.Object(
  {
    analyser: Type.String(),
    label: Type.String(),
    score: Type.Number({ minimum: 0, maximum: 1 }),
    paragraph: Type.Optional(Type.Integer({ minimum: 0 })),
    span: Type.Optional(Span),
    evidence: Type.Optional(
      Type.Array(
        Type.Object({
          feature: Type.String(),
          weight: Type.Optional(Type.Number()),
          span: Type.Optional(Span),
          note: Type.Optional(Type.String()),
        }),
      ),
    ),
    attributes: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
    ),
  },
  { additionalProperties: true },
);

/** `spinlens.report/1` (docs/report-schema.md); open to new fields, analysers and labels. */
export const Report = Type.Object(
  {
    schema: Type.Literal('spinlens.report/1'),
    tool: Type.Object({ name: Type.Literal('spinlens'), version: Type.String() }),
    article: Type.Object(
      {
        id: Type.String(),
        title: Type.String(),
        text: Type.String(),
        language: Type.Object({
          code: Type.String(),
          confidence: Type.Number(),
          method: Type.String(),
        }),
        metadata: Type.Record(Type.String(), Type.String()),
        paragraphs: Type.Array(
          Type.Object({
            index: Type.Integer(),
            line: Type.Integer(),
            kind: Type.Union([Type.Literal('title'), Type.Literal('body')]),
            start: Type.Integer(),
            end: Type.Integer(),
          }),
        ),
      },
      { additionalProperties: true },
    ),
    analysers: Type.Array(Type.Object({ name: Type.String(), version: Type.String(), ms: Type.Number() })),
    findings: Type.Array(Finding),
  },
  { additionalProperties: true },
);

export const AnalyserInfo = Type.Object({
  name: Type.String(),
  version: Type.String(),
  description: Type.String(),
  after: Type.Array(Type.String()),
});
export type AnalyserInfo = Static<typeof AnalyserInfo>;

export const AnalysersResponse = Type.Object({ analysers: Type.Array(AnalyserInfo) });

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  analysers: Type.Array(Type.Object({ name: Type.String(), version: Type.String() })),
  models: Type.Array(Type.String(), { description: 'languages whose models are loaded' }),
  limits: Type.Object({ bodyBytes: Type.Integer(), timeoutMs: Type.Integer() }),
  analysis: Type.Object({
    mode: Type.Union([Type.Literal('in-process'), Type.Literal('pool')]),
    workers: Type.Integer({ description: 'analysis worker threads (0: in-process)' }),
    running: Type.Integer({ description: 'articles handed to the workers (two per worker at most)' }),
    queued: Type.Integer({ description: 'articles waiting for a worker' }),
    queueLimit: Type.Integer({ description: 'beyond this many waiting, requests get 503 overloaded' }),
    peakRunning: Type.Integer({ description: 'most articles ever handed to the workers at once' }),
    alive: Type.Integer({ description: 'workers started and ready now (fewer while one is replaced)' }),
    restarts: Type.Integer({
      description: 'workers replaced so far: crashed, stopped by the watchdog, or failed to start again',
    }),
    lastRestart: Type.Union([
      Type.Object({
        reason: Type.String(),
        at: Type.String({ format: 'date-time' }),
        delayMs: Type.Integer({
          description: 'back-off before the replacement started (workers keep failing)',
        }),
      }),
      Type.Null(),
    ]),
  }),
  store: Type.Boolean({
    description: 'whether a store is open (the store endpoints answer 503 no_store otherwise)',
  }),
});
export type HealthResponse = Static<typeof HealthResponse>;
