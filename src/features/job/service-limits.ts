import { useQuery } from '@tanstack/react-query';
import { capabilitiesQueryOptions } from '../../api';
import type { ServiceConfig } from '../../lib/services';

export interface ServiceLimits {
  /** The longest execution duration the service allows, in seconds; null when it does not say. */
  maxDuration: number | null;
  /** The longest the service keeps a job, in seconds; null when it does not say. */
  maxRetention: number | null;
}

const positive = (n: number | null | undefined) => (n !== null && n !== undefined && n > 0 ? n : null);

/** The hard limits the service advertises, so the job page offers only what it will accept. */
export function useServiceLimits(service: ServiceConfig): ServiceLimits {
  const caps = useQuery(capabilitiesQueryOptions(service)).data;
  return {
    maxDuration: positive(caps?.executionDuration.hard),
    maxRetention: positive(caps?.retentionPeriod.hard),
  };
}
