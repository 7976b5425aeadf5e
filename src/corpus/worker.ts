/**
 * A batch worker thread: builds its own Pipeline once, then analyses the articles the main
 * thread sends and returns each Report with the article's reuse sketch. Nothing here touches
 * the store; all writes happen in the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analysersByName, defaultAnalysers } from '../analysers/registry.ts';
import { defaultModelStore } from '../learn/store.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import type { WorkerData, WorkerReply, WorkerTask } from './protocol.ts';
import { sketch } from './reuse/sketch.ts';

const port = parentPort;
if (!port) throw new Error('the batch worker runs only as a worker thread');

const { analysers } = workerData as WorkerData;
const pipeline = new Pipeline(analysers ? analysersByName(analysers) : defaultAnalysers());

pipeline.prepare().then(
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
  let reply: WorkerReply;
  try {
    const report = pipeline.analyseSync(task.article);
    reply = {
      type: 'done',
      id: task.id,
      report,
      sketch: sketch(task.article.text),
      models: defaultModelStore().loaded(),
    };
  } catch (error) {
    reply = { type: 'failed', id: task.id, error: `internal error: ${message(error)}` };
  }
  port.postMessage(reply);
});

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
