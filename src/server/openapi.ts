/** The OpenAPI 3.1 document served at /openapi.json, assembled from the TypeBox schemas. */
import { TOOL_VERSION } from '../version.ts';
import { CORPUS_SCHEMAS, corpusPaths } from './openapi-corpus.ts';
import {
  AnalysersResponse,
  AnalyzeRequest,
  ErrorResponse,
  HealthResponse,
  LANGUAGE_PATTERN,
  RESPONSE_FORMATS,
  Report,
} from './schemas.ts';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const uploadQuery = [
  { name: 'lang', in: 'query', schema: { type: 'string', pattern: LANGUAGE_PATTERN } },
  { name: 'format', in: 'query', schema: { type: 'string', enum: [...RESPONSE_FORMATS] } },
  {
    name: 'store',
    in: 'query',
    description:
      'also store the analysed article (1 or true; the server needs --db); JSON bodies may say store: true',
    schema: { type: 'string', enum: ['1', 'true', '0', 'false'] },
  },
  {
    name: 'filename',
    in: 'query',
    description: 'name of the uploaded file (.txt or .html) for raw uploads',
    schema: { type: 'string' },
  },
];

export function openApiDocument(limits: { bodyBytes: number; timeoutMs: number }): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'spinlens',
      version: TOOL_VERSION,
      description: `Analyses news articles and shows how they persuade. Bodies are limited to ${limits.bodyBytes} bytes; a request not answered within ${limits.timeoutMs} ms gets 503 \`timeout\`, and one arriving while every analysis worker is busy and the queue is full gets 503 \`overloaded\` with Retry-After. Every error has a JSON body {statusCode, code, message}.`,
    },
    paths: {
      '/api/analyze': {
        post: {
          summary: 'Analyse one article',
          description:
            'JSON {text, title?, lang?, format?}, a multipart upload (field `file`, optional fields `lang`, `format`), or the raw file as application/octet-stream, text/plain or text/html (options in the query). Returns the spinlens.report/1 JSON, or the text/HTML rendering, or SemEval subtask-3 rows.',
          parameters: uploadQuery,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/AnalyzeRequest' } },
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: { type: 'string', format: 'binary' },
                    lang: { type: 'string', pattern: LANGUAGE_PATTERN },
                    format: { type: 'string', enum: [...RESPONSE_FORMATS] },
                  },
                },
              },
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          responses: {
            '200': {
              description: 'the report',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Report' } },
                'text/plain': { schema: { type: 'string' } },
                'text/html': { schema: { type: 'string' } },
                'text/tab-separated-values': { schema: { type: 'string' } },
              },
            },
            '400': error('invalid_json, invalid_request, missing_text, bad_language or bad_format'),
            '413': error('body_too_large'),
            '415': error('unsupported_media_type'),
            '422': error('unreadable_input (binary, empty) or analyser_unavailable'),
            '500': error(
              'analysis_crashed: the worker analysing the article crashed (it is replaced, other requests are served); internal',
            ),
            '503': error(
              'overloaded (with Retry-After): every worker busy and the queue full; timeout: not analysed in time; no_store: store=1 without a store',
            ),
          },
        },
      },
      ...corpusPaths(),
      '/api/health': {
        get: {
          summary: 'Status, version, analysers and loaded models',
          responses: {
            '200': {
              description: 'the server is up',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
            },
          },
        },
      },
      '/api/analysers': {
        get: {
          summary: 'The analysers this server runs',
          responses: {
            '200': {
              description: 'in the order they run',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Analysers' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        AnalyzeRequest,
        Report,
        Error: ErrorResponse,
        Health: HealthResponse,
        Analysers: AnalysersResponse,
        ...CORPUS_SCHEMAS,
      },
    },
  };
}
