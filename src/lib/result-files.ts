/** Which result of a job is its main one, the name a result is saved under, and saving a Blob as a file. */
import type { UwsJob, UwsResult } from '../protocol/uws/types';

/** The job's main result: the one with id "result" (TAP's convention), else the first. */
export function mainResult(job: UwsJob): UwsResult | null {
  return job.results.find((r) => r.id === 'result') ?? job.results[0] ?? null;
}

/** A file-name-safe form of an id: letters, digits, dot, dash and underscore only. */
export function safeFileStem(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(0, 100) || 'result';
}

/**
 * The extension for a MIME type, decided by the type alone. VOTable types
 * (application/x-votable+xml, text/xml;content=x-votable, …) get .vot; a plain
 * application/xml or text/xml gets .xml, because a result declared only as XML
 * promises no VOTable and may be any XML document; .bin when the type is
 * missing or unknown, as "bytes of unknown kind" (.dat would suggest text).
 */
const EXTENSIONS: [RegExp, string][] = [
  [/votable/i, 'vot'],
  [/csv/i, 'csv'],
  [/tab-separated-values|\btsv\b/i, 'tsv'],
  [/fits/i, 'fits'],
  [/parquet/i, 'parquet'],
  [/json/i, 'json'],
  [/html/i, 'html'],
  [/[/+]xml\b/i, 'xml'],
  [/^text\/plain\b/i, 'txt'],
];

export function extensionForType(mimeType: string | null | undefined): string {
  if (!mimeType) return 'bin';
  for (const [pattern, extension] of EXTENSIONS) if (pattern.test(mimeType)) return extension;
  return 'bin';
}

/**
 * The file name of a result, `<jobId>-<resultId>.<ext>`, the extension from the
 * type it is saved as (its declared type, or what the service sent, or the
 * type the app converted it to).
 */
export function resultFileName(jobId: string, resultId: string, mimeType: string | null | undefined): string {
  return `${safeFileStem(jobId)}-${safeFileStem(resultId)}.${extensionForType(mimeType)}`;
}

/** Offer a Blob to the user as a download under a file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the Blob before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
