import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { flagTitle, finishedText } from '../../lib/job-finished-notice';
import { isFinalPhase, type ExecutionPhase } from '../../protocol/uws/types';
import type { RowMark } from './job-table';
import type { JobRow } from './rows';

/** Tell the user when a listed job that was running finishes. */
export function useFinishedJobsNotice(rows: JobRow[]) {
  const seen = useRef(new Map<string, ExecutionPhase>());
  useEffect(() => {
    const prev = seen.current;
    const next = new Map<string, ExecutionPhase>();
    for (const r of rows) {
      if (!r.phase || r.gone) continue;
      next.set(r.key, r.phase);
      const before = prev.get(r.key);
      if (before && !isFinalPhase(before) && isFinalPhase(r.phase)) {
        const text = finishedText({ jobId: r.jobId, runId: r.runId, phase: r.phase });
        flagTitle(text);
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          try {
            new Notification(text, { body: r.service.label, tag: `uws-desk:${r.jobId}` });
          } catch {
            // the title still tells
          }
        }
      }
    }
    seen.current = next;
  }, [rows]);
}

/** A line another page left for this one (e.g. "Job … was deleted."), shown until the user moves on. */
export function useArrivalNotice(): string | null {
  const state: unknown = useLocation().state;
  return state && typeof state === 'object' && 'notice' in state && typeof state.notice === 'string' ? state.notice : null;
}

/**
 * Rows that appeared or changed phase at the last refresh of the list. The
 * first read of a list marks nothing: only what changed while the user looked.
 */
export function useRowMarks(rows: JobRow[], listKey: string): ReadonlyMap<string, RowMark> {
  const [state, setState] = useState<{ rows: JobRow[]; listKey: string; phases: Map<string, string> | null; marks: Map<string, RowMark> }>({
    rows,
    listKey,
    phases: null,
    marks: new Map(),
  });
  if (state.listKey !== listKey) {
    // Another list (other filters or services): nothing in it is new to the user.
    setState({ rows: state.rows, listKey, phases: null, marks: new Map() });
  } else if (state.rows !== rows) {
    const phases = new Map(rows.filter((r) => r.inServerList).map((r) => [r.key, r.gone ? 'GONE' : (r.phase ?? '')]));
    let marks = state.marks;
    if (state.phases && state.phases.size + phases.size > 0 && state.phases.size > 0) {
      const next = new Map<string, RowMark>();
      for (const [k, p] of phases) {
        const before = state.phases.get(k);
        if (before === undefined) next.set(k, 'new');
        else if (before !== p) next.set(k, 'changed');
      }
      // A refresh that changed nothing leaves the last marks in place.
      if (next.size > 0) marks = next;
    }
    setState({ rows, listKey, phases: phases.size > 0 ? phases : state.phases, marks });
  }
  return state.marks;
}
