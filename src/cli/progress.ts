import cliProgress from 'cli-progress';
import type { OutputStream } from './io.ts';

/** Progress of a batch run: a bar with count, rate and ETA on a terminal, nothing elsewhere. */
export interface Progress {
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

export function startProgress(stream: OutputStream, total: number | undefined, enabled: boolean): Progress {
  if (!enabled) return SILENT;
  const started = performance.now();
  const known = total !== undefined && total > 0;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: known
        ? 'analysing {bar} {value}/{total} articles · {rate}/s · ETA {eta_formatted}'
        : 'analysing {value} articles · {rate}/s · {duration_formatted}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  bar.start(known ? total : 0, 0, { rate: '0' });
  return {
    tick() {
      done++;
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0' });
    },
    stop() {
      bar.stop();
    },
  };
}
