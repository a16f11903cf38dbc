/** Messages between the HTTP server and the query engine workers. */
import type { OutputColumn } from '../adql/to-sql.ts';
import type { ColumnMeta } from '../catalogue.ts';
import type { ResultFormat } from '../votable.ts';

export interface EngineConfig {
  /** Stars in demo.stars. */
  rows: number;
  /** Directory for the cached database image. */
  cacheDir: string;
  /** Synthetic extra tables described in TAP_SCHEMA. */
  extraTables?: number;
}

/** What a thread receives: the configuration plus the buffer through which it is asked to give up a query. */
export interface WorkerData extends EngineConfig {
  cancelBuffer: SharedArrayBuffer;
}

export interface UploadTable {
  /** Lower-case table name inside TAP_UPLOAD. */
  name: string;
  columns: ColumnMeta[];
  rows: unknown[][];
}

export interface RunRequest {
  type: 'run';
  id: number;
  sql: string;
  columns: OutputColumn[];
  format: ResultFormat;
  maxrec: number;
  /** The result stops (as an overflow) once its file grows beyond this many bytes. */
  maxBytes: number;
  outPath: string;
  query: string;
  uploads: UploadTable[];
}

export type WorkerMessage =
  | { type: 'ready'; ms: number; source: 'cache' | 'built' }
  | { type: 'done'; id: number; rowCount: number; overflow: boolean; bytes: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'fatal'; message: string };
