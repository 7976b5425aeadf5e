/**
 * The spinlens command line. `run(argv, io)` runs one invocation and resolves to its exit
 * status, so tests call it in-process; executed directly, this module runs `process.argv`.
 * Each command lives in its own module and registers itself on the program (see COMMANDS).
 * Registration imports only light modules (commander, option parsers, constants); a command's
 * work lives in `<command>-run.ts`, imported when the command runs, so `--version`, `--help`
 * and each command load only what they use.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { InputError, OptionError } from '../article/errors.ts';
import { TOOL_VERSION } from '../version.ts';
import { registerAnalyze } from './analyze.ts';
import { registerBatch } from './batch.ts';
import { registerCompare } from './compare.ts';
import { registerEval } from './eval.ts';
import { registerExport } from './export.ts';
import { type CliIO, describeInternal, EXIT, errorLine, OutputError, processIO, UsageError } from './io.ts';
import { registerPredict } from './predict.ts';
import { registerQueue } from './queue.ts';
import { registerReuse } from './reuse.ts';
import { registerServe } from './serve.ts';
import { registerStats } from './stats.ts';
import { registerTrain } from './train.ts';
import { registerWorker } from './worker.ts';

/** A command module: adds its command to the program; `setExit` records the command's exit status. */
export type RegisterCommand = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

const COMMANDS: RegisterCommand[] = [
  registerAnalyze,
  registerTrain,
  registerPredict,
  registerEval,
  registerServe,
  registerBatch,
  registerReuse,
  registerStats,
  registerExport,
  registerCompare,
  registerWorker,
  registerQueue,
];

const HELP_FOOTER = `
Examples:
  spinlens analyze examples/fr-report-then-opinion.txt
  spinlens analyze --format json article.txt > report.json
  spinlens analyze --format html --out reports/ corpus.jsonl
  cat article.txt | spinlens analyze -

Exit status:
  0  every input was analysed
  1  at least one input could not be read or was corrupt (the others were still analysed),
     or a report could not be written
  2  usage error: unknown command or option, bad option value, unknown analyser, unusable --out
  3  internal error (set SPINLENS_DEBUG=1 to see the stack trace)

Environment: NO_COLOR=1 turns colours off; SPINLENS_DEBUG=1 prints stack traces.`;

export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('spinlens')
    .description('Reads news articles and shows how they persuade.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander says `error: unknown option '--x'`; spinlens errors all start with `spinlens:`.
      outputError: (text, write) => write(`${text.replace(/^error: /, 'spinlens: ').trimEnd()}\n`),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
    })
    .addHelpText('after', HELP_FOOTER);
  for (const register of COMMANDS) {
    register(program, io, (code) => {
      exitCode = code;
    });
  }

  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error, already printed.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof OptionError) {
    io.stderr.write(errorLine(`${error.message} (see --help)`));
    return EXIT.usage;
  }
  // An input the command cannot use (e.g. a data folder without gold labels): not a bug.
  if (error instanceof OutputError || error instanceof InputError) {
    io.stderr.write(errorLine(error.message));
    return EXIT.inputFailed;
  }
  io.stderr.write(errorLine(describeInternal(error, io.env)));
  return EXIT.internal;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(errorLine(describeInternal(error, process.env)));
      process.exitCode = EXIT.internal;
    },
  );
}
