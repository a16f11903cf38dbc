/** The Check button: the query run on the sync endpoint with MAXREC=0; never creates a job. */
import { useMutation } from '@tanstack/react-query';
import { getServiceClient } from '../../../api';
import type { ServiceConfig } from '../../../lib/services';
import { checkQuery } from '../../../protocol/tap';

export function useCheckQuery(service: ServiceConfig) {
  return useMutation({
    mutationFn: async (input: { query: string; lang: string }) => ({
      query: input.query,
      result: await checkQuery(service.tapUrl, getServiceClient(service).transport, input),
    }),
    retry: 0,
  });
}
