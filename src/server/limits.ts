/** Server limits and their defaults; apart from app.ts so `spinlens serve` options need no fastify. */
export const DEFAULT_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Articles waiting for a worker, per worker, before new ones are refused as `overloaded`. */
export const QUEUE_PER_WORKER = 4;
