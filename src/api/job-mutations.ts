/**
 * Changes to a job: run, abort, delete, execution duration, destruction.
 * `runJobChange` is the one path every change takes, from the job page's
 * hooks and from bulk actions alike:
 *
 * - a read in flight is cancelled first, so an older answer cannot overwrite
 *   the one the change brings;
 * - the change is sent once, never retried;
 * - when its answer is lost or the read after it fails, the job is read once
 *   more and that decides: a change the server made is a success, whatever
 *   became of its answer; otherwise the original error stands, and the cache
 *   holds the job as the server has it;
 * - the job's cache entry and the job lists are updated here, nowhere else.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { AbortedError, NotFoundError } from '../protocol/http/errors';
import type { UwsJob } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { forgetJobQueries, quietJob, storeJob } from './job';
import { jobKeys } from './keys';
import { getServiceClient } from './service-client';

export interface JobChangeVars {
  run: { jobUrl: string };
  abort: { jobUrl: string };
  delete: { jobUrl: string };
  executionDuration: { jobUrl: string; seconds: number };
  destruction: { jobUrl: string; destruction: Date };
}

export type JobChangeKind = keyof JobChangeVars;

/** What a delete came to: `alreadyGone` when the service no longer knew the job before this delete. */
export interface DeleteOutcome {
  alreadyGone: boolean;
}

export type JobChangeResult<K extends JobChangeKind> = K extends 'delete' ? DeleteOutcome : UwsJob;

/** Whether the job as read back shows that the change was made. */
function tookEffect<K extends JobChangeKind>(kind: K, vars: JobChangeVars[K], before: UwsJob | undefined, after: UwsJob): boolean {
  switch (kind) {
    case 'run':
      return before ? after.phase !== before.phase : after.phase !== 'PENDING' && after.phase !== 'HELD';
    case 'abort':
      return after.phase === 'ABORTED';
    case 'executionDuration': {
      const { seconds } = vars as JobChangeVars['executionDuration'];
      return after.executionDuration === seconds || (!!before && after.executionDuration !== before.executionDuration);
    }
    case 'destruction': {
      const { destruction } = vars as JobChangeVars['destruction'];
      const t = after.destruction?.getTime();
      return t === destruction.getTime() || (!!before && t !== before.destruction?.getTime());
    }
    default:
      return false;
  }
}

function send<K extends JobChangeKind>(service: ServiceConfig, kind: K, vars: JobChangeVars[K]): Promise<UwsJob | void> {
  const { uws } = getServiceClient(service);
  switch (kind) {
    case 'run':
      return uws.runJob(vars.jobUrl);
    case 'abort':
      return uws.abortJob(vars.jobUrl);
    case 'delete':
      return uws.deleteJob(vars.jobUrl);
    case 'executionDuration':
      return uws.setExecutionDuration(vars.jobUrl, (vars as JobChangeVars['executionDuration']).seconds);
    case 'destruction':
      return uws.setDestruction(vars.jobUrl, (vars as JobChangeVars['destruction']).destruction);
    default:
      throw new TypeError(`Unknown job change: ${String(kind)}`);
  }
}

/** Make one change to a job through the query layer (see the module comment). */
export async function runJobChange<K extends JobChangeKind>(
  client: QueryClient,
  service: ServiceConfig,
  kind: K,
  vars: JobChangeVars[K],
): Promise<JobChangeResult<K>> {
  const { jobUrl } = vars;
  const before = client.getQueryData<UwsJob>(jobKeys.detail(service, jobUrl));
  await quietJob(client, service, jobUrl);
  let answer: UwsJob | void;
  try {
    answer = await send(service, kind, vars);
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    return (await confirmByReading(client, service, kind, vars, before, error)) as JobChangeResult<K>;
  }
  if (kind === 'delete') {
    forgetJobQueries(client, service, jobUrl);
    return { alreadyGone: false } as JobChangeResult<K>;
  }
  await storeJob(client, service, jobUrl, answer as UwsJob);
  return answer as JobChangeResult<K>;
}

/** After a failed change: read the job once, and let what the server holds decide. */
async function confirmByReading<K extends JobChangeKind>(
  client: QueryClient,
  service: ServiceConfig,
  kind: K,
  vars: JobChangeVars[K],
  before: UwsJob | undefined,
  failure: unknown,
): Promise<JobChangeResult<K>> {
  const { jobUrl } = vars;
  let after: UwsJob;
  try {
    after = await getServiceClient(service).uws.getJob(jobUrl);
  } catch (readError) {
    if (readError instanceof NotFoundError && (kind === 'delete' || failure instanceof NotFoundError)) {
      forgetJobQueries(client, service, jobUrl);
      if (kind === 'delete') return { alreadyGone: failure instanceof NotFoundError } as JobChangeResult<K>;
    } else {
      // The page goes on showing what it knew; its own polling will read the job again.
      void client.invalidateQueries({ queryKey: jobKeys.detail(service, jobUrl), exact: true });
    }
    throw failure;
  }
  await storeJob(client, service, jobUrl, after);
  if (kind !== 'delete' && tookEffect(kind, vars, before, after)) return after as JobChangeResult<K>;
  throw failure;
}

function useJobChange<K extends JobChangeKind>(service: ServiceConfig, kind: K) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: JobChangeVars[K]) => runJobChange(client, service, kind, vars),
    // A change is sent once; a failure is reported, never repeated.
    retry: 0,
  });
}

export function useRunJob(service: ServiceConfig) {
  return useJobChange(service, 'run');
}

export function useAbortJob(service: ServiceConfig) {
  return useJobChange(service, 'abort');
}

export function useDeleteJob(service: ServiceConfig) {
  return useJobChange(service, 'delete');
}

export function useSetExecutionDuration(service: ServiceConfig) {
  return useJobChange(service, 'executionDuration');
}

export function useSetDestruction(service: ServiceConfig) {
  return useJobChange(service, 'destruction');
}
