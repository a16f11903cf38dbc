/**
 * The place where the app adds tools beside a result table (plots,
 * statistics, filters, DataLink, SAMP) without the results feature knowing
 * them: the app provides a renderer, the table view calls it.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ServiceConfig } from '../../lib/services';
import type { UwsResult } from '../../protocol/uws/types';
import type { VoTable, VoTableTable } from '../../protocol/votable/types';

export interface TableToolsProps {
  service: ServiceConfig;
  result: UwsResult;
  votable: VoTable;
  table: VoTableTable;
  /** Show only these rows (table order), saying why; null shows them all. */
  onRowsChange: (rows: Uint32Array | null, why: string | null) => void;
  /** The row the user picked in the grid (table order), or null. */
  selectedRow: number | null;
  /** Pick a row from outside the grid (a plot, another tool); the grid scrolls to it. */
  onSelectRow: (row: number | null) => void;
}

export const TableToolsContext = createContext<((props: TableToolsProps) => ReactNode) | null>(null);

export function useTableTools() {
  return useContext(TableToolsContext);
}
