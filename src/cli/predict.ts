/**
 * `spinlens predict --data <dir> --subtask 1|2|3 [--out file.tsv]`: labels for one language folder
 * of the SemEval layout, in exactly the organisers' label-file formats. Label files in the folder
 * are never read. The language comes from the folder name (en fr ge it po ru), else --lang, else
 * from each article's text.
 */
import { type Command, Option } from 'commander';
import type { CliIO } from './io.ts';
import { parseLang } from './options.ts';

export interface PredictOptions {
  data: string;
  subtask: string;
  out?: string;
  lang?: string;
  models?: string;
}

/** Options shared by predict and eval (eval also takes `--subtask spans`). */
export function dataOptions(command: Command, extraSubtasks: readonly string[] = []): Command {
  return command
    .requiredOption('-d, --data <dir>', 'one language folder of the SemEval layout (with articles/)')
    .addOption(
      new Option(
        '-s, --subtask <n>',
        `SemEval subtask: 1 genre, 2 frames, 3 techniques${extraSubtasks.includes('spans') ? ', spans technique spans' : ''}`,
      )
        .choices(['1', '2', '3', ...extraSubtasks])
        .makeOptionMandatory(),
    )
    .option('-l, --lang <code>', 'language when the folder name is not one of en fr ge it po ru', parseLang)
    .option('--models <dir>', 'model folder (default: $SPINLENS_MODELS or the shipped models/)');
}

export function registerPredict(program: Command, io: CliIO, setExit: (code: number) => void): void {
  dataOptions(program.command('predict').description('predict SemEval labels for a language folder'))
    .option('-o, --out <file>', 'label file to write (default: standard output)')
    .addHelpText(
      'after',
      `
Output: subtask 1 "id<TAB>genre", subtask 2 "id<TAB>frame,frame", subtask 3 "id<TAB>line<TAB>tech,tech"
with one row per paragraph line (title = line 1), paragraphs without technique included.

Example:
  spinlens predict --data ../shared/data/semeval2023-task3/train/fr --subtask 3 --out fr-st3.tsv`,
    )
    .action(async (options: PredictOptions) => {
      const { predict } = await import('./predict-run.ts');
      setExit(await predict(options, io));
    });
}
