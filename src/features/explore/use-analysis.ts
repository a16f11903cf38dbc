import { useEffect, useMemo, useState } from 'react';
import type { VoTableTable } from '../../protocol/votable/types';
import { createAnalysisClient, type AnalysisClient } from './analysis-client';
import type { AnalysisColumn } from './analysis-protocol';
import { isNumericField, numericValues } from './columns';

/** The columns the analysis can use: numeric scalars as doubles, scalar texts as strings. */
function analysisColumns(table: VoTableTable): Record<string, AnalysisColumn> {
  const out: Record<string, AnalysisColumn> = {};
  table.fields.forEach((f, i) => {
    if (f.name in out) return;
    if (isNumericField(f)) out[f.name] = { kind: 'number', values: numericValues(table.column(i)) };
    else if ((f.datatype === 'char' || f.datatype === 'unicodeChar') && f.shape.length <= 1) {
      const c = table.column(i);
      if (c.kind === 'string') out[f.name] = { kind: 'text', values: c.values };
    }
  });
  return out;
}

/** One analysis worker for the table on show, closed when the table goes. */
export function useAnalysis(table: VoTableTable): AnalysisClient | null {
  const [client, setClient] = useState<AnalysisClient | null>(null);
  const columns = useMemo(() => analysisColumns(table), [table]);
  useEffect(() => {
    const c = createAnalysisClient(table.rowCount, columns);
    // The client is made here because it owns a worker that must be closed with the table.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setClient(c);
    return () => {
      c.close();
      setClient(null);
    };
  }, [table, columns]);
  return client;
}
