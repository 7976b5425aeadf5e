/** The store file used when no --db is given; apart from store.ts so option defaults need no SQLite. */
export const DEFAULT_DB = 'spinlens.db';
