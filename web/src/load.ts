import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from './api.ts';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'done'; data: T }
  | { state: 'failed'; error: ApiFailure };

/**
 * Loads data for the current inputs (`key` says when they changed); an answer to an older key
 * is dropped, its request aborted.
 */
export function useLoad<T>(key: string, load: ((signal: AbortSignal) => Promise<T>) | undefined): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  // `key` names everything `load` depends on: a new `load` function each render is no change.
  useEffect(() => {
    if (!load) return;
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ state: 'done', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof ApiFailure ? error : new ApiFailure('internal', String(error));
        setLoaded({ state: 'failed', error: failure });
      },
    );
    return () => controller.abort();
  }, [key]);
  return loaded;
}
