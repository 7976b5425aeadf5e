/**
 * A batch worker thread: builds its own Pipeline once, then analyses the articles the main
 * thread sends (or builds them first from raw inputs, with the `ingest` module the server gives)
 * and returns each Report with the article's reuse sketch. Nothing here touches the store; all
 * writes happen in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../article/article.ts';
import { defaultModelStore } from '../learn/store.ts';
import type { Analyser } from '../pipeline/analyser.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import type {
  IngestModule,
  Rejection,
  RenderedAnswer,
  WorkerData,
  WorkerReply,
  WorkerTask,
} from './protocol.ts';
import { sketch } from './reuse/sketch.ts';

const port = parentPort;
if (!port) throw new Error('the batch worker runs only as a worker thread');

const { analysers, ingest, testAnalysers = [] } = workerData as WorkerData;
// Set before the worker says it is ready: tasks come only after that.
let pipeline!: Pipeline;
let ingestModule: IngestModule | undefined;

Promise.all([
  loadAnalysers().then((chosen) => {
    pipeline = new Pipeline(chosen);
    return pipeline.prepare();
  }),
  ingest &&
    import(ingest).then((module: IngestModule) => {
      ingestModule = module;
    }),
]).then(
  () => {
    const ready: WorkerReply = {
      type: 'ready',
      analysers: pipeline.analysers.map(({ name, version }) => ({ name, version })),
    };
    port.postMessage(ready);
  },
  (error: unknown) => port.postMessage({ type: 'fatal', error: message(error) } satisfies WorkerReply),
);

port.on('message', (task: WorkerTask) => {
  let article: Article;
  try {
    article = 'article' in task ? task.article : ingestModule!.toArticle(task.input);
  } catch (error) {
    port.postMessage(failed(task.id, error));
    return;
  }
  let reply: WorkerReply;
  try {
    const report = pipeline.analyseSync(article);
    const models = defaultModelStore().loaded();
    if ('input' in task && task.answer) {
      // A refusal while rendering (e.g. a format the analysers cannot give) is the caller's error.
      let rendered: RenderedAnswer;
      try {
        rendered = ingestModule!.render!(report, task.input);
      } catch (error) {
        port.postMessage(failed(task.id, error));
        return;
      }
      reply = {
        type: 'answered',
        id: task.id,
        rendered,
        ...(task.answer.keep ? { kept: { report, sketch: sketch(article.text) } } : {}),
        models,
      };
    } else {
      reply = { type: 'done', id: task.id, report, sketch: sketch(article.text), models };
    }
  } catch (error) {
    reply = { type: 'failed', id: task.id, error: `internal error: ${message(error)}` };
  }
  port.postMessage(reply);
});

/** A task refused by the ingest module (its status and code kept), or an internal error. */
function failed(id: number, error: unknown): WorkerReply {
  const rejected = rejection(error);
  return {
    type: 'failed',
    id,
    error: rejected ? message(error) : `internal error: ${message(error)}`,
    ...(rejected ? { rejected } : {}),
  };
}

/**
 * The chosen shipped analysers, then the test ones. The registry, which loads every analyser and
 * its data, is skipped when no shipped analyser is wanted (tests of the pool itself).
 */
async function loadAnalysers(): Promise<Analyser[]> {
  const shipped =
    analysers?.length === 0
      ? []
      : await import('../analysers/registry.ts').then((registry) =>
          analysers ? registry.analysersByName(analysers) : registry.defaultAnalysers(),
        );
  const extra = await Promise.all(
    testAnalysers.map((url) => import(url).then((module: { analyser: Analyser }) => module.analyser)),
  );
  return [...shipped, ...extra];
}

/** An input error the ingest module meant for the caller: it carries a status and a code. */
function rejection(error: unknown): Rejection | undefined {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  return typeof statusCode === 'number' && typeof code === 'string' ? { statusCode, code } : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
