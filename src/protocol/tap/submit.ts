/**
 * Submitting an asynchronous TAP query as a UWS job.
 *
 * Some services (DaCHS among them) ignore EXECUTIONDURATION, DESTRUCTION and
 * PHASE=RUN in the creating POST, so the job is created PENDING, the limits
 * the created job does not hold are set one by one, and only then is it run.
 */
import { ServiceError } from '../http/errors';
import type { JobParameterValue, UwsClient } from '../uws/client';
import { formatIsoDate } from '../uws/iso-date';
import type { UwsJob } from '../uws/types';

export interface AsyncQuery {
  query: string;
  /** Default ADQL. */
  lang?: string;
  maxrec?: number;
  /** RESPONSEFORMAT: a MIME type or an alias from the capabilities. */
  format?: string;
  runId?: string;
  executionDuration?: number;
  destruction?: Date;
  run?: boolean;
  uploads?: { name: string; file: Blob }[];
}

/**
 * The job was created, but a later step (setting a limit, running it) failed.
 * `job` is the created job, so it is not lost; `cause` is the failure.
 */
export class JobFollowUpError extends ServiceError {
  override name = 'JobFollowUpError';
  readonly job: UwsJob;

  constructor(message: string, options: { job: UwsJob; cause: unknown }) {
    super(message, { url: options.job.url, cause: options.cause });
    this.job = options.job;
  }
}

/** tapUrl + '/async', whether or not tapUrl ends with a slash. */
export function tapAsyncUrl(tapUrl: string): string {
  return `${tapUrl.trim().replace(/\/+$/, '')}/async`;
}

const UPLOAD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The UPLOAD parameter for inline uploads: `a,param:a;b,param:b`. */
export function uploadParameter(names: readonly string[]): string {
  return names.map((name) => `${name},param:${name}`).join(';');
}

function sameSecond(a: Date | null, b: Date): boolean {
  return a !== null && Math.floor(a.getTime() / 1000) === Math.floor(b.getTime() / 1000);
}

export async function submitAsyncQuery(client: UwsClient, query: AsyncQuery, opts: { signal?: AbortSignal } = {}): Promise<UwsJob> {
  const uploads = query.uploads ?? [];
  for (const upload of uploads) {
    if (!UPLOAD_NAME.test(upload.name)) {
      throw new RangeError(`An upload table name must be a plain ADQL identifier (letters, digits, _), not ${JSON.stringify(upload.name)}.`);
    }
  }
  const params: Record<string, JobParameterValue | undefined> = {
    REQUEST: 'doQuery',
    LANG: query.lang ?? 'ADQL',
    QUERY: query.query,
    MAXREC: query.maxrec,
    RESPONSEFORMAT: query.format,
    RUNID: query.runId,
    EXECUTIONDURATION: query.executionDuration === undefined ? undefined : Math.round(query.executionDuration),
    DESTRUCTION: query.destruction === undefined ? undefined : formatIsoDate(query.destruction),
    UPLOAD: uploads.length > 0 ? uploadParameter(uploads.map((upload) => upload.name)) : undefined,
  };
  const files = uploads.length > 0 ? Object.fromEntries(uploads.map((upload) => [upload.name, upload.file])) : undefined;

  // Created once; never retried (a retry could create a second job).
  let job = await client.createJob(params, { signal: opts.signal, ...(files ? { files } : {}) });

  try {
    if (query.executionDuration !== undefined && job.executionDuration !== Math.round(query.executionDuration)) {
      job = await client.setExecutionDuration(job.url, query.executionDuration, { signal: opts.signal });
    }
    if (query.destruction !== undefined && !sameSecond(job.destruction, query.destruction)) {
      job = await client.setDestruction(job.url, query.destruction, { signal: opts.signal });
    }
    if (query.run && job.phase === 'PENDING') {
      job = await client.runJob(job.url, { signal: opts.signal });
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new JobFollowUpError(`The job ${job.jobId} was created, but setting it up failed: ${reason}`, { job, cause: error });
  }
  return job;
}
