/**
 * The page's side of the analysis worker: one worker per table on show,
 * requests answered in order, and a typed error for what the worker refused.
 */
import type { AnalysisAnswer, AnalysisColumn, AnalysisRequest, WorkerReply } from './analysis-protocol';

export class AnalysisError extends Error {
  override name = 'AnalysisError';
  constructor(
    message: string,
    /** Character offset in a filter expression, when the error is there. */
    readonly at?: number,
  ) {
    super(message);
  }
}

export interface AnalysisClient {
  ask<Op extends AnalysisRequest['op']>(request: Extract<AnalysisRequest, { op: Op }>): Promise<Extract<AnalysisAnswer, { op: Op }>>;
  close(): void;
}

export function createAnalysisClient(rowCount: number, columns: Record<string, AnalysisColumn>, makeWorker: () => Worker = defaultWorker): AnalysisClient {
  const worker = makeWorker();
  let next = 0;
  const waiting = new Map<number, { resolve: (a: AnalysisAnswer) => void; reject: (e: Error) => void }>();
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    if (reply.ok) w.resolve(reply.answer);
    else w.reject(new AnalysisError(reply.message, reply.at));
  };
  worker.onerror = (event) => {
    for (const w of waiting.values()) w.reject(new AnalysisError(`The analysis stopped: ${event.message || 'the worker failed'}.`));
    waiting.clear();
  };
  const post = (request: AnalysisRequest) =>
    new Promise<AnalysisAnswer>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  // Columns are copied once into the worker; the table keeps its own.
  void post({ op: 'load', rowCount, columns });
  return {
    ask: (request) => post(request) as never,
    close() {
      worker.terminate();
      for (const w of waiting.values()) w.reject(new AnalysisError('The analysis was closed.'));
      waiting.clear();
    },
  };
}

function defaultWorker(): Worker {
  return new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'uws-desk analysis' });
}
