import { describe, expect, it } from 'vitest';
import { emptySelection, extendTo, prune, selectAll, toggle } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('selecting jobs', () => {
  it('a click toggles one job', () => {
    const s = toggle(emptySelection, order, 'b', false);
    expect([...s.keys]).toEqual(['b']);
    expect([...toggle(s, order, 'b', false).keys]).toEqual([]);
  });

  it('shift-click selects the range from the last clicked job, in either direction', () => {
    let s = toggle(emptySelection, order, 'd', false);
    s = toggle(s, order, 'b', true);
    expect([...s.keys].sort()).toEqual(['b', 'c', 'd']);
  });

  it('shift-click on a selected job clears the range', () => {
    let s = selectAll(order);
    s = toggle(s, order, 'a', false); // a off, anchor a
    s = toggle(s, order, 'c', true); // c is on -> range a..c off
    expect([...s.keys].sort()).toEqual(['d', 'e']);
  });

  it('jobs no longer listed drop out of the selection', () => {
    const s = prune(selectAll(order), new Set(['a', 'e']));
    expect([...s.keys].sort()).toEqual(['a', 'e']);
  });

  it('Shift+Arrow grows the range from the anchor and shrinks it when going back', () => {
    let s = toggle(emptySelection, order, 'b', false);
    s = extendTo(s, order, 'c', 'b');
    s = extendTo(s, order, 'd', 'c');
    expect([...s.keys].sort()).toEqual(['b', 'c', 'd']);
    s = extendTo(s, order, 'c', 'd');
    expect([...s.keys].sort()).toEqual(['b', 'c']);
  });
});
