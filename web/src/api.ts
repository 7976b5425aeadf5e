/** Calls to the spinlens API on the same origin (the page makes no other requests). */
import type { Report } from './model.ts';

export class ApiFailure extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface TextRequest {
  text: string;
  title?: string;
  lang?: string;
}

export function analyseText(request: TextRequest): Promise<Report> {
  return send(
    new Request('/api/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }),
  );
}

export function analyseFile(file: File, lang?: string): Promise<Report> {
  const form = new FormData();
  if (lang) form.append('lang', lang);
  form.append('file', file, file.name);
  return send(new Request('/api/analyze', { method: 'POST', body: form }));
}

async function send(request: Request): Promise<Report> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    throw new ApiFailure('network', '');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = body as { code?: string; message?: string } | undefined;
    throw new ApiFailure(error?.code ?? String(response.status), error?.message ?? response.statusText);
  }
  return body as Report;
}
