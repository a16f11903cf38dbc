export * from './types';
export { parseJob } from './parse-job';
export { parseJobList } from './parse-job-list';
export { parsePhase, parsePlainValue } from './plain-text';
export { formatIsoDate, parseIsoDate } from './iso-date';
export {
  createUwsClient,
  MAX_WAIT_SECONDS,
  type GetJobOptions,
  type JobParameterValue,
  type ListJobsOptions,
  type UwsClient,
} from './client';
