import type { FastifyError } from 'fastify';

/** Machine-readable error codes of the HTTP API (documented in /openapi.json). */
export type ErrorCode =
  | 'body_too_large'
  | 'invalid_json'
  | 'invalid_request'
  | 'missing_text'
  | 'bad_language'
  | 'bad_format'
  | 'unsupported_media_type'
  | 'unreadable_input'
  | 'analyser_unavailable'
  | 'bad_parameter'
  | 'bad_ids'
  | 'not_found'
  | 'article_not_found'
  | 'method_not_allowed'
  | 'no_store'
  | 'overloaded'
  | 'timeout'
  | 'analysis_crashed'
  | 'analysis_too_long'
  | 'internal';

/** Every error response has this body. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
}

/** An error the API reports as is: a status, a code and a message meant for the caller. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  /** Seconds a client should wait before trying again (the Retry-After header), for 503s. */
  readonly retryAfter: number | undefined;

  constructor(statusCode: number, code: ErrorCode, message: string, retryAfter?: number) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  body(): ErrorBody {
    return { statusCode: this.statusCode, code: this.code, message: this.message };
  }
}

/** Fastify's own errors (body parsing, limits, timeouts) → API errors with our codes. */
const FASTIFY_CODES: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'the request body is larger than the limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    'send application/json, multipart/form-data, application/octet-stream, text/plain or text/html',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'the JSON body is empty'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_request', 'Content-Length does not match the body'],
  FST_REQ_FILE_TOO_LARGE: [413, 'body_too_large', 'the uploaded file is larger than the limit'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'unsupported_media_type', 'the request is not multipart'],
};

/** The API error for anything a route or fastify threw; unknown errors become 500 `internal`. */
export function toApiError(error: FastifyError | Error): ApiError {
  if (error instanceof ApiError) return error;
  const code = (error as FastifyError).code;
  const known = code ? FASTIFY_CODES[code] : undefined;
  if (known) return new ApiError(known[0], known[1], known[2]);
  // A route's TypeBox schema refused the query or body: fastify's message names the field.
  if ((error as FastifyError).validation) return new ApiError(400, 'bad_parameter', error.message);
  if (error instanceof SyntaxError) return new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return new ApiError(status, status === 408 ? 'timeout' : 'invalid_request', error.message);
  }
  return new ApiError(500, 'internal', 'internal error (see the server log)');
}
