/** sessionStorage that may be switched off: then nothing is kept beyond the current page. */
export function sessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function sessionSet(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Not kept: the current page still has the value.
  }
}

/** The Corpus page's last hash (filters, page), so a stored article leads back to the same list. */
export const LAST_CORPUS = 'spinlens.corpus';
