/** Checkbox selection over an ordered list, with shift-click ranges. */

export interface Selection {
  keys: ReadonlySet<string>;
  /** The last row clicked without shift: the start of the next range. */
  anchor: string | null;
}

export const emptySelection: Selection = { keys: new Set(), anchor: null };

/** Toggle one row; with shift, set the whole range from the anchor to this row to this row's new state. */
export function toggle(sel: Selection, order: readonly string[], key: string, shift: boolean): Selection {
  const next = new Set(sel.keys);
  const on = !sel.keys.has(key);
  if (shift && sel.anchor !== null) {
    const a = order.indexOf(sel.anchor);
    const b = order.indexOf(key);
    if (a !== -1 && b !== -1) {
      const [from, to] = a < b ? [a, b] : [b, a];
      for (let i = from; i <= to; i++) {
        if (on) next.add(order[i]!);
        else next.delete(order[i]!);
      }
      return { keys: next, anchor: key };
    }
  }
  if (on) next.add(key);
  else next.delete(key);
  return { keys: next, anchor: key };
}

export function selectAll(order: readonly string[]): Selection {
  return { keys: new Set(order), anchor: null };
}

/** Keep only rows still listed. */
export function prune(sel: Selection, present: ReadonlySet<string>): Selection {
  let changed = false;
  const next = new Set<string>();
  for (const k of sel.keys) {
    if (present.has(k)) next.add(k);
    else changed = true;
  }
  if (!changed) return sel;
  return { keys: next, anchor: sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null };
}

/** Shift+Arrow: select every row from the anchor to this one, keeping the anchor. */
export function extendTo(sel: Selection, order: readonly string[], key: string, from: string): Selection {
  const anchor = sel.anchor ?? from;
  const a = order.indexOf(anchor);
  const b = order.indexOf(key);
  if (a === -1 || b === -1) return sel;
  const next = new Set(sel.keys);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  // Rows between the anchor and the previous end that fall outside the new range are released.
  const prev = order.indexOf(from);
  if (prev !== -1) {
    const [plo, phi] = a < prev ? [a, prev] : [prev, a];
    for (let i = plo; i <= phi; i++) if (i < lo || i > hi) next.delete(order[i]!);
  }
  for (let i = lo; i <= hi; i++) next.add(order[i]!);
  return { keys: next, anchor };
}
