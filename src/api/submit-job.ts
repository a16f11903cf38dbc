import { useMutation, useQueryClient } from '@tanstack/react-query';
import { JobFollowUpError, submitAsyncQuery, type AsyncQuery } from '../protocol/tap';
import type { ServiceConfig } from '../lib/services';
import { storeJob } from './job';
import { getServiceClient } from './service-client';

export type SubmitJobInput = AsyncQuery;

/**
 * Create a job with an async TAP query. Posted once: never retried. When the
 * job was created but a later step failed (JobFollowUpError), the created job
 * is still stored, so the caller can open it.
 */
export function useSubmitJob(service: ServiceConfig) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitJobInput) => submitAsyncQuery(getServiceClient(service).uws, input),
    retry: 0,
    onSuccess: (job) => storeJob(client, service, job.url, job),
    onError: async (error) => {
      if (error instanceof JobFollowUpError) await storeJob(client, service, error.job.url, error.job);
    },
  });
}
