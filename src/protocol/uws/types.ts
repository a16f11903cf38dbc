/** Domain types of the IVOA Universal Worker Service pattern (UWS 1.0 and 1.1). */

export const EXECUTION_PHASES = [
  'PENDING',
  'QUEUED',
  'EXECUTING',
  'COMPLETED',
  'ERROR',
  'ABORTED',
  'UNKNOWN',
  'HELD',
  'SUSPENDED',
  'ARCHIVED',
] as const;

export type ExecutionPhase = (typeof EXECUTION_PHASES)[number];

/** Phases after which a job will not change by itself any more. */
export const FINAL_PHASES: ReadonlySet<ExecutionPhase> = new Set(['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED']);

/** Phases in which the server is (or will soon be) working on the job. */
export const ACTIVE_PHASES: ReadonlySet<ExecutionPhase> = new Set(['QUEUED', 'EXECUTING', 'HELD', 'SUSPENDED']);

export function isExecutionPhase(value: string): value is ExecutionPhase {
  return (EXECUTION_PHASES as readonly string[]).includes(value);
}

export function isFinalPhase(phase: ExecutionPhase): boolean {
  return FINAL_PHASES.has(phase);
}

export interface UwsParameter {
  /** The parameter id as the server wrote it. */
  id: string;
  /** The text value ('' for an empty element). */
  value: string;
  /** True when the value is a URL to the content rather than the content. */
  byReference: boolean;
  isPost: boolean;
}

export interface UwsResult {
  id: string;
  /** Absolute URL (relative hrefs are resolved against the job document URL). */
  href: string;
  /** xlink:type, usually 'simple'. */
  type: string | null;
  mimeType: string | null;
  size: number | null;
}

export interface UwsErrorSummary {
  /** 'transient' or 'fatal' per the spec; other values are kept as sent. */
  type: string;
  hasDetail: boolean;
  message: string;
}

export interface UwsJob {
  jobId: string;
  runId: string | null;
  ownerId: string | null;
  phase: ExecutionPhase;
  quote: Date | null;
  creationTime: Date | null;
  startTime: Date | null;
  endTime: Date | null;
  /** Seconds; 0 means unlimited; null when the document has none. */
  executionDuration: number | null;
  destruction: Date | null;
  parameters: UwsParameter[];
  results: UwsResult[];
  errorSummary: UwsErrorSummary | null;
  /** The raw XML of each child of jobInfo, as text, when present. */
  jobInfo: string[];
  /** '1.1' when the document says so, '1.0' otherwise. */
  version: string;
  /** The URL the document was read from (the job's own URL). */
  url: string;
}

/** One entry in a job list. */
export interface JobRef {
  jobId: string;
  /** Absolute URL of the job (as the server gives it; need not lie under the list URL). */
  href: string;
  phase: ExecutionPhase;
  runId: string | null;
  ownerId: string | null;
  creationTime: Date | null;
}

/** A job parameter by id, in any case (DaCHS writes `query`, other services `QUERY`). */
export function findParameter(job: Pick<UwsJob, 'parameters'>, id: string): UwsParameter | undefined {
  const wanted = id.toLowerCase();
  return job.parameters.find((parameter) => parameter.id.toLowerCase() === wanted);
}
