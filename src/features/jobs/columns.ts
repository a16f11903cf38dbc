/**
 * The columns of the job list: what each shows, how it sorts and how it is
 * written out on export. Every column sorts; those marked `detail` need the
 * job's own document, read lazily for the rows in view.
 */
import { formatDuration, formatUtc } from '../../lib/format';
import type { JobRow } from './rows';

export interface ColumnSpec {
  id: string;
  label: string;
  /** Default width in pixels. */
  width: number;
  /** Known only once the job's document has been read. */
  detail: boolean;
  /** Hidden unless the user shows it. */
  hidden?: boolean;
}

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'job', label: 'Job', width: 150, detail: false },
  { id: 'phase', label: 'Phase', width: 110, detail: false },
  { id: 'query', label: 'Query', width: 280, detail: true },
  { id: 'service', label: 'Service', width: 130, detail: false },
  { id: 'owner', label: 'Owner', width: 110, detail: false },
  { id: 'runId', label: 'Run id', width: 120, detail: false },
  { id: 'created', label: 'Created', width: 120, detail: false },
  { id: 'started', label: 'Started', width: 120, detail: true },
  { id: 'ended', label: 'Ended', width: 120, detail: true },
  { id: 'queueWait', label: 'Queue wait', width: 100, detail: true },
  { id: 'runTime', label: 'Run time', width: 100, detail: true },
  { id: 'executionDuration', label: 'Execution duration', width: 110, detail: true, hidden: true },
  { id: 'destruction', label: 'Destruction', width: 120, detail: true },
  { id: 'error', label: 'Error', width: 220, detail: true },
  { id: 'results', label: 'Results', width: 80, detail: true },
];

const byId = new Map(COLUMNS.map((c) => [c.id, c]));

export function columnSpec(id: string): ColumnSpec | undefined {
  return byId.get(id);
}

export function columnNeedsDetail(id: string): boolean {
  return byId.get(id)?.detail ?? false;
}

function time(d: Date | null): number | null {
  return d ? d.getTime() : null;
}

function seconds(from: Date | null, to: number | null): number | null {
  return from && to !== null ? Math.max(0, (to - from.getTime()) / 1000) : null;
}

/** The value a column sorts by: a number or lower-cased text, null when unknown. */
export function columnValue(id: string, r: JobRow, now: number): number | string | null {
  switch (id) {
    case 'job':
      return r.jobId;
    case 'phase':
      return r.gone ? 'GONE' : r.phase;
    case 'query':
      return r.query?.toLowerCase() ?? null;
    case 'service':
      return r.service.label.toLowerCase();
    case 'owner':
      return r.ownerId?.toLowerCase() ?? null;
    case 'runId':
      return r.runId?.toLowerCase() ?? null;
    case 'created':
      return time(r.creationTime);
    case 'started':
      return time(r.startTime);
    case 'ended':
      return time(r.endTime);
    case 'queueWait':
      return seconds(r.creationTime, r.startTime ? r.startTime.getTime() : r.phase === 'QUEUED' ? now : null);
    case 'runTime':
      return seconds(r.startTime, r.endTime ? r.endTime.getTime() : r.phase === 'EXECUTING' ? now : null);
    case 'executionDuration':
      return r.executionDuration;
    case 'destruction':
      return time(r.destruction);
    case 'error':
      return r.errorSummary?.toLowerCase() ?? null;
    case 'results':
      return r.resultCount;
    default:
      return null;
  }
}

/** The value a column exports: full text, UTC times, durations in seconds. */
export function columnExport(id: string, r: JobRow, now: number): string | number | null {
  switch (id) {
    case 'job':
      return r.jobId;
    case 'query':
      return r.query;
    case 'service':
      return r.service.tapUrl;
    case 'owner':
      return r.ownerId;
    case 'runId':
      return r.runId;
    case 'error':
      return r.errorSummary;
    case 'created':
    case 'started':
    case 'ended':
    case 'destruction': {
      const v = columnValue(id, r, now);
      return typeof v === 'number' ? new Date(v).toISOString() : null;
    }
    case 'queueWait':
    case 'runTime': {
      const v = columnValue(id, r, now);
      return typeof v === 'number' ? Math.round(v) : null;
    }
    default:
      return columnValue(id, r, now);
  }
}

/** A duration column as people read it. */
export function durationText(secondsValue: number | null): string {
  return secondsValue === null ? '' : formatDuration(Math.max(secondsValue, 1));
}

export function utcText(d: Date | null): string {
  return d ? formatUtc(d) : '';
}
