import { describe, expect, it } from 'vitest';
import { createRowHighlighter, placeIncomingRow, type Timers } from './row-messages';

/** Timers run by hand: `elapse()` fires what is due. */
function manualTimers() {
  let now = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const timers: Timers = {
    set: (callback, ms) => {
      due.set(next, { at: now + ms, callback });
      return next++;
    },
    clear: (handle) => due.delete(handle as number),
  };
  const elapse = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due]) {
      if (t.at <= now) {
        due.delete(id);
        t.callback();
      }
    }
  };
  return { timers, elapse };
}

describe('row highlights sent to other tools', () => {
  it('sends only the row where arrow keys stop, not every row passed on the way', () => {
    const { timers, elapse } = manualTimers();
    const sent: number[] = [];
    const h = createRowHighlighter((row) => sent.push(row), 300, timers);
    for (let row = 1; row <= 40; row++) {
      h.pick(row);
      elapse(30);
    }
    expect(sent).toEqual([]);
    elapse(300);
    expect(sent).toEqual([40]);
  });

  it('sends each row the user rests on', () => {
    const { timers, elapse } = manualTimers();
    const sent: number[] = [];
    const h = createRowHighlighter((row) => sent.push(row), 300, timers);
    h.pick(3);
    elapse(400);
    h.pick(9);
    elapse(400);
    expect(sent).toEqual([3, 9]);
  });

  it('does not send back the row another tool just highlighted, but sends the next pick', () => {
    const { timers, elapse } = manualTimers();
    const sent: number[] = [];
    const h = createRowHighlighter((row) => sent.push(row), 300, timers);
    h.heard(7);
    h.pick(7);
    elapse(400);
    expect(sent).toEqual([]);
    h.pick(7);
    elapse(400);
    expect(sent).toEqual([7]);
  });

  it('sends nothing once cancelled (the table went away)', () => {
    const { timers, elapse } = manualTimers();
    const sent: number[] = [];
    const h = createRowHighlighter((row) => sent.push(row), 300, timers);
    h.pick(2);
    h.cancel();
    elapse(400);
    expect(sent).toEqual([]);
  });
});

describe('rows other tools name', () => {
  it('are shown when no filter narrows the table', () => {
    expect(placeIncomingRow(5, 10, null)).toEqual({ kind: 'shown' });
  });
  it('are said to be hidden when the filter or the plot keeps them out', () => {
    expect(placeIncomingRow(5, 10, Uint32Array.from([1, 2]))).toEqual({ kind: 'hidden' });
    expect(placeIncomingRow(2, 10, Uint32Array.from([1, 2]))).toEqual({ kind: 'shown' });
  });
  it('are said to be beyond the table when it has fewer rows', () => {
    expect(placeIncomingRow(10, 10, null)).toEqual({ kind: 'outside', rowCount: 10 });
  });
});
