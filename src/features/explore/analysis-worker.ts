/** Web Worker entry for plots, statistics and filters (see analysis-client.ts). */
import type { AnalysisAnswer, AnalysisRequest, WorkerReply } from './analysis-protocol';
import { answer, type AnalysisState } from './analysis';
import { FilterSyntaxError } from './row-filter';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: AnalysisRequest }>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

let state: AnalysisState = { rowCount: 0, columns: {} };

scope.onmessage = (event) => {
  const { id, request } = event.data;
  let reply: WorkerReply;
  const transfer: Transferable[] = [];
  try {
    const result = answer(state, request);
    state = result.state;
    reply = { id, ok: true, answer: result.answer };
    collectTransfers(result.answer, transfer);
  } catch (error) {
    reply = {
      id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      at: error instanceof FilterSyntaxError ? error.at : undefined,
    };
  }
  scope.postMessage(reply, transfer);
};

function collectTransfers(a: AnalysisAnswer, out: Transferable[]) {
  if (a.op === 'points') {
    out.push(a.points.x.buffer, a.points.y.buffer, a.points.rows.buffer, a.points.spatialIndex);
    if (a.points.value) out.push(a.points.value.buffer);
  } else if (a.op === 'filter' && a.rows) {
    out.push(a.rows.buffer);
  }
}
