/** Which job list columns are shown and how wide, remembered in this browser. */
import { useCallback, useState } from 'react';
import { local, readJson, writeJson } from '../../lib/storage';
import { COLUMNS } from './columns';

const KEY = 'uws-desk:job-columns';
const MIN_WIDTH = 48;
const MAX_WIDTH = 1200;

export interface ColumnPrefs {
  hidden: string[];
  widths: Record<string, number>;
}

function read(): ColumnPrefs {
  const raw = readJson<unknown>(local(), KEY, null);
  const fallback: ColumnPrefs = { hidden: COLUMNS.filter((c) => c.hidden).map((c) => c.id), widths: {} };
  if (!raw || typeof raw !== 'object') return fallback;
  const r = raw as Partial<ColumnPrefs>;
  const hidden = Array.isArray(r.hidden) ? r.hidden.filter((x): x is string => typeof x === 'string') : fallback.hidden;
  const widths: Record<string, number> = {};
  if (r.widths && typeof r.widths === 'object') {
    for (const [k, v] of Object.entries(r.widths)) if (typeof v === 'number' && Number.isFinite(v)) widths[k] = clampWidth(v);
  }
  return { hidden, widths };
}

export function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}

export function useColumnPrefs() {
  const [prefs, setPrefs] = useState(read);
  const update = useCallback((next: ColumnPrefs) => {
    setPrefs(next);
    writeJson(local(), KEY, next);
  }, []);
  const setShown = useCallback(
    (id: string, shown: boolean) => {
      const hidden = prefs.hidden.filter((h) => h !== id);
      // The job id column always stays: it is the link to the job.
      if (!shown && id !== 'job') hidden.push(id);
      update({ ...prefs, hidden });
    },
    [prefs, update],
  );
  const setWidth = useCallback((id: string, width: number) => update({ ...prefs, widths: { ...prefs.widths, [id]: clampWidth(width) } }), [prefs, update]);
  return { prefs, setShown, setWidth };
}
