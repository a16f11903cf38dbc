import type { UwsJob, UwsResult } from '../../protocol/uws/types';

/** The job's main result: the one with id "result" (TAP's convention), else the first. */
export function mainResult(job: UwsJob): UwsResult | null {
  return job.results.find((r) => r.id === 'result') ?? job.results[0] ?? null;
}

const EXTENSIONS: [RegExp, string][] = [
  [/votable|x-votable|application\/xml|text\/xml/i, 'vot'],
  [/csv/i, 'csv'],
  [/tab-separated|tsv/i, 'tsv'],
  [/fits/i, 'fits'],
  [/json/i, 'json'],
  [/html/i, 'html'],
  [/text\/plain/i, 'txt'],
  [/parquet/i, 'parquet'],
];

/** A file name for a downloaded result: <jobId>-<resultId>.<ext> */
export function resultFileName(job: UwsJob, result: UwsResult): string {
  const ext = EXTENSIONS.find(([re]) => re.test(result.mimeType ?? ''))?.[1] ?? 'dat';
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe(job.jobId)}-${safe(result.id)}.${ext}`;
}
