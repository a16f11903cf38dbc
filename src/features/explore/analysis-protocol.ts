/** Messages between the page and the analysis worker. Columns go over once per table; every answer is small or transferred. */
import type { ColumnStats } from './stats';
import type { Histogram } from './histogram';

export type AnalysisColumn = { kind: 'number'; values: Float64Array } | { kind: 'text'; values: (string | null)[] };

export type PointsRequest =
  | { kind: 'sky-all'; ra: string; dec: string; colour?: string }
  | { kind: 'sky-tangent'; ra: string; dec: string; colour?: string }
  | { kind: 'scatter'; x: string; y: string; logX: boolean; logY: boolean; colour?: string };

export interface Points {
  /** Normalised to [-1, 1] for the plot. */
  x: Float32Array;
  y: Float32Array;
  /** Colour value normalised to [0, 1], when a colour column was asked for. */
  value: Float32Array | null;
  /** The table row of each point. */
  rows: Uint32Array;
  /** Data range shown on each axis (degrees on the tangent plane), and of the colour column. */
  xRange: [number, number];
  yRange: [number, number];
  valueRange: [number, number] | null;
  /** Centre of a tangent-plane view. */
  centre: [number, number] | null;
  /** Rows left out: null or not positive on a log axis. */
  skipped: number;
  /** A k-d tree of the points for the plot's lasso and hover (see spatial-index.ts). */
  spatialIndex: ArrayBuffer;
}

export type AnalysisRequest =
  | { op: 'load'; rowCount: number; columns: Record<string, AnalysisColumn> }
  /** Statistics over `rows` (table order), or over every row when null. */
  | { op: 'stats'; column: string; rows: Uint32Array | null }
  | { op: 'histogram'; column: string; bins: number; logX: boolean; rows: Uint32Array | null }
  | { op: 'filter'; expression: string }
  | { op: 'points'; request: PointsRequest; rows: Uint32Array | null };

export type AnalysisAnswer =
  | { op: 'load' }
  | { op: 'stats'; stats: ColumnStats }
  | { op: 'histogram'; histogram: Histogram }
  /** Rows that pass, in table order; null for an empty filter. */
  | { op: 'filter'; rows: Uint32Array | null }
  | { op: 'points'; points: Points };

export type WorkerReply = { id: number; ok: true; answer: AnalysisAnswer } | { id: number; ok: false; message: string; at?: number };
