/**
 * What the app does with row messages, both ways, apart from the wire:
 * the row the user settles on goes out once (not one message per row the
 * cursor passes through), a row another tool highlighted is not sent back to
 * it, and a row that comes in is placed in the rows on show or said to be
 * outside them.
 */

export interface RowHighlighter {
  /** The user picked this row (table order): sent once no other pick follows within the settling time. */
  pick(row: number): void;
  /** Another tool highlighted this row: picking it because of that sends nothing back. */
  heard(row: number): void;
  /** Forget a pick still waiting. */
  cancel(): void;
}

export interface Timers {
  set: (callback: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Arrow keys repeat about every 30 ms; a pause of 300 ms is where the cursor came to rest. */
export const SETTLE_MS = 300;

export function createRowHighlighter(send: (row: number) => void, settleMs = SETTLE_MS, timers: Timers = realTimers): RowHighlighter {
  let pending: unknown = null;
  let echo: number | null = null;
  const cancel = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
  };
  return {
    pick(row) {
      cancel();
      const fromElsewhere = row === echo;
      echo = null;
      if (fromElsewhere) return;
      pending = timers.set(() => {
        pending = null;
        send(row);
      }, settleMs);
    },
    heard(row) {
      echo = row;
    },
    cancel,
  };
}

export type IncomingRow = { kind: 'shown' } | { kind: 'hidden' } | { kind: 'outside'; rowCount: number };

/** Where a row another tool names falls: among the rows shown, hidden by the filter or the plot's choice, or beyond the table. */
export function placeIncomingRow(row: number, rowCount: number, shown: Uint32Array | null): IncomingRow {
  if (row >= rowCount) return { kind: 'outside', rowCount };
  if (shown && !shown.includes(row)) return { kind: 'hidden' };
  return { kind: 'shown' };
}
