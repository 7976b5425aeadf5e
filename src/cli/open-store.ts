import { Store } from '../corpus/store.ts';
import { type CliIO, errorLine } from './io.ts';

/** Opens an existing store, or says why not on stderr (the caller exits with status 1). */
export function openStore(db: string, io: CliIO): Store | undefined {
  try {
    return new Store(db, { mustExist: true });
  } catch (error) {
    io.stderr.write(errorLine(`${db}: ${(error as Error).message}`));
    return undefined;
  }
}
