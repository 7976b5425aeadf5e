/**
 * A problem with one input (a file, a corpus record, stdin). The message always names the
 * source first so a user can find it: `photo.jpg: looks like binary data, not text`.
 */
export class InputError extends Error {
  override name = 'InputError';
  readonly source: string;
  readonly problem: string;

  constructor(source: string, problem: string, options?: ErrorOptions) {
    super(`${source}: ${problem}`, options);
    this.source = source;
    this.problem = problem;
  }
}

/**
 * A bad reading option (e.g. `--lang french`): a usage error, raised before any input is read,
 * so a command can report it with its usage exit code.
 */
export class OptionError extends Error {
  override name = 'OptionError';
  readonly option: string;

  constructor(option: string, problem: string) {
    super(`${option}: ${problem}`);
    this.option = option;
  }
}
