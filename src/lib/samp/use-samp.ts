import { useEffect, useSyncExternalStore } from 'react';
import { createSampSession, type RowMessage, type SampSession } from './session';

let session: SampSession | null = null;

/** The page's one SAMP session, made on first use. */
export function getSampSession(): SampSession {
  session ??= createSampSession();
  return session;
}

export function useSamp() {
  const s = getSampSession();
  const state = useSyncExternalStore(s.subscribe, s.getState, s.getState);
  return { ...state, session: s };
}

/** Row highlights and selections other tools send for the table `tableId`. */
export function useSampRows(tableId: string | null, onRows: (message: RowMessage) => void) {
  useEffect(() => {
    if (!tableId) return;
    return getSampSession().onRows((m) => {
      if (m.tableId === tableId) onRows(m);
    });
  }, [tableId, onRows]);
}
