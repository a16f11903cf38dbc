/** Saving a Blob under a file name, and the names results are saved under. */

/** A file-name-safe form of an id: letters, digits, dot, dash and underscore only. */
export function safeFileStem(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.slice(0, 100) || 'result';
}

/** The file name of a result: `<jobId>-<resultId>.<extension>`, as the job page names its downloads. */
export function resultFileName(jobId: string, resultId: string, extension: string): string {
  return `${safeFileStem(jobId)}-${safeFileStem(resultId)}.${extension}`;
}

const EXTENSIONS: [RegExp, string][] = [
  [/votable|x-votable/i, 'vot'],
  [/csv/i, 'csv'],
  [/tab-separated|tsv/i, 'tsv'],
  [/json/i, 'json'],
  [/fits/i, 'fits'],
  [/parquet/i, 'parquet'],
  [/html/i, 'html'],
  [/xml/i, 'xml'],
  [/text\/plain/i, 'txt'],
];

/** A file extension for a MIME type ('bin' when unknown). */
export function extensionForMime(mimeType: string | null | undefined): string {
  if (!mimeType) return 'bin';
  for (const [pattern, extension] of EXTENSIONS) if (pattern.test(mimeType)) return extension;
  return 'bin';
}

/** Offer a Blob to the user as a download. */
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
