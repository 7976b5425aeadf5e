import { useState } from 'preact/hooks';
import { sessionGet, sessionSet } from '../session.ts';

const KEY = 'spinlens.compare';

/**
 * Articles ticked for comparison, kept for the visit so they survive a look at one of them.
 * `choose(undefined, false)` clears the choice.
 */
export function useChosen(): [string[], (id: string | undefined, chosen: boolean) => void] {
  const [chosen, setChosen] = useState<string[]>(read);
  const choose = (id: string | undefined, on: boolean) => {
    const next = id === undefined ? [] : on ? [...new Set([...chosen, id])] : chosen.filter((c) => c !== id);
    setChosen(next);
    sessionSet(KEY, JSON.stringify(next));
  };
  return [chosen, choose];
}

function read(): string[] {
  try {
    const value: unknown = JSON.parse(sessionGet(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
