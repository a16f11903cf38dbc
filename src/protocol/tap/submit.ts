/**
 * Submitting an asynchronous TAP query as a UWS job.
 *
 * Some services (DaCHS among them) ignore EXECUTIONDURATION, DESTRUCTION and
 * PHASE=RUN in the creating POST, so the job is created PENDING, the limits
 * the created job does not hold are set one by one, and only then is it run.
 *
 * The creating POST is sent once and never repeated. When its answer is lost,
 * the job is recovered rather than created again (see submission.ts); the
 * follow-up steps, which cannot create a job, are checked against the job as
 * the service then holds it before one more try.
 */
import { ServiceError } from '../http/errors';
import type { JobParameterValue, UwsClient } from '../uws/client';
import { formatIsoDate } from '../uws/iso-date';
import type { UwsJob } from '../uws/types';
import { UncertainCreationError, createdJobUrl, creationUncertain, findSubmittedJob, readPatiently, taggedRunId } from './submission';

export interface AsyncQuery {
  query: string;
  /** Default ADQL. */
  lang?: string;
  maxrec?: number;
  /** RESPONSEFORMAT: a MIME type or an alias from the capabilities. */
  format?: string;
  /** The user's own run id. */
  runId?: string;
  /** Unique to this submission; sent within RUNID so that the job can be found in the list if the answer is lost. */
  submissionTag?: string;
  executionDuration?: number;
  destruction?: Date;
  run?: boolean;
  uploads?: { name: string; file: Blob }[];
}

/**
 * The job was created, but a later step (reading it, setting a limit, running
 * it) failed. `jobUrl` is the created job's URL, `job` the job as last read
 * (null when it could not be read), so it is not lost; `cause` is the failure.
 */
export class JobFollowUpError extends ServiceError {
  override name = 'JobFollowUpError';
  readonly job: UwsJob | null;
  readonly jobUrl: string;

  constructor(message: string, options: { job: UwsJob | null; jobUrl?: string; cause: unknown }) {
    const jobUrl = options.job?.url ?? options.jobUrl ?? '';
    super(message, { url: jobUrl, cause: options.cause });
    this.job = options.job;
    this.jobUrl = jobUrl;
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
    RUNID: query.submissionTag === undefined ? query.runId : taggedRunId(query.runId, query.submissionTag),
    EXECUTIONDURATION: query.executionDuration === undefined ? undefined : Math.round(query.executionDuration),
    DESTRUCTION: query.destruction === undefined ? undefined : formatIsoDate(query.destruction),
    UPLOAD: uploads.length > 0 ? uploadParameter(uploads.map((upload) => upload.name)) : undefined,
  };
  const files = uploads.length > 0 ? Object.fromEntries(uploads.map((upload) => [upload.name, upload.file])) : undefined;

  // Created once; never retried (a retry could create a second job).
  let job = await createOnce(client, params, { signal: opts.signal, ...(files ? { files } : {}) });

  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  /** One step; after a failure, the job as the service now holds it decides whether it is done, else one more try. */
  const step = async (done: (held: UwsJob) => boolean, change: () => Promise<UwsJob>): Promise<UwsJob> => {
    try {
      return await change();
    } catch (first) {
      let held: UwsJob;
      try {
        held = await readPatiently(() => client.getJob(job.url, { signal: opts.signal }), opts.signal);
      } catch {
        throw first;
      }
      job = held;
      return done(held) ? held : change();
    }
  };

  try {
    const duration = query.executionDuration === undefined ? undefined : Math.round(query.executionDuration);
    if (duration !== undefined && job.executionDuration !== duration) {
      // A service may lower the duration to its limit: any answer that reflects the change ends the step.
      job = await step(
        (held) => held.executionDuration !== job.executionDuration,
        () => client.setExecutionDuration(job.url, duration, { signal: opts.signal }),
      );
    }
    const destruction = query.destruction;
    if (destruction !== undefined && !sameSecond(job.destruction, destruction)) {
      job = await step(
        (held) => sameSecond(held.destruction, destruction),
        () => client.setDestruction(job.url, destruction, { signal: opts.signal }),
      );
    }
    if (query.run && job.phase === 'PENDING') {
      job = await step(
        (held) => held.phase !== 'PENDING',
        () => client.runJob(job.url, { signal: opts.signal }),
      );
    }
  } catch (error) {
    throw new JobFollowUpError(`The job ${job.jobId} was created, but setting it up failed: ${reason(error)}`, { job, cause: error });
  }
  return job;
}

/**
 * The one creating POST. A redirect that reached the job means the job
 * exists, whatever reading it answered; a POST without any answer is looked
 * for in the job list by its run id.
 */
async function createOnce(
  client: UwsClient,
  params: Record<string, JobParameterValue | undefined>,
  options: { signal?: AbortSignal | undefined; files?: Record<string, Blob> },
): Promise<UwsJob> {
  try {
    return await client.createJob(params, options);
  } catch (error) {
    const listUrl = client.jobUrlFor('');
    const jobUrl = createdJobUrl(error, listUrl);
    if (jobUrl) {
      try {
        return await readPatiently(() => client.getJob(jobUrl, { signal: options.signal }), options.signal);
      } catch (readError) {
        throw new JobFollowUpError(`The job at ${jobUrl} was created, but it could not be read yet.`, { job: null, jobUrl, cause: readError });
      }
    }
    const runId = typeof params.RUNID === 'string' ? params.RUNID : null;
    if (!creationUncertain(error) || runId === null) throw error;
    const found = await findSubmittedJob(client, runId, options.signal);
    if (typeof found === 'object') return found;
    const message =
      found === 'absent'
        ? 'No answer came to the request that creates the job, and the service’s job list holds no job of this submission: it was not created.'
        : 'No answer came to the request that creates the job, and the service’s job list could not show whether it was created. Look at the job list before submitting again.';
    throw new UncertainCreationError(message, { url: listUrl, cause: error, lookup: found, runId });
  }
}
