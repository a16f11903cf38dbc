/**
 * The job-creating mutation: one async TAP query, posted once and never
 * retried. Every submission carries its own tag in RUNID, so that a job whose
 * creating answer was lost is found again instead of created twice.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { JobFollowUpError, newSubmissionTag, submitAsyncQuery, type AsyncQuery } from '../protocol/tap';
import type { ServiceConfig } from '../lib/services';
import { storeJob } from './job';
import { jobKeys } from './keys';
import { getServiceClient } from './service-client';

export type SubmitJobInput = Omit<AsyncQuery, 'submissionTag'>;

/**
 * Create a job. When it was created but a later step failed
 * (JobFollowUpError), the created job is still stored, so the caller can open
 * it; an UncertainCreationError says whether the job list showed it absent.
 */
export function useSubmitJob(service: ServiceConfig) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitJobInput) => submitAsyncQuery(getServiceClient(service).uws, { ...input, submissionTag: newSubmissionTag() }),
    retry: 0,
    // A new job goes into the cache, so its page opens without waiting; lists refresh in the background.
    onSuccess: (job) => storeJob(client, service, job.url, job),
    onError: (error) => {
      if (error instanceof JobFollowUpError) {
        if (error.job) void storeJob(client, service, error.job.url, error.job);
        else void client.invalidateQueries({ queryKey: jobKeys.lists(service) });
      }
    },
  });
}
