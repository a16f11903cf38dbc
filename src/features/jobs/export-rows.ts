/**
 * The current view of the job list as CSV or JSON, with every column. Text
 * cells that a spreadsheet would read as a formula are neutralised (OWASP CSV
 * injection): a leading =, +, -, @, tab or carriage return gets a ' before it.
 */
import { COLUMNS, columnExport } from './columns';
import type { JobRow } from './rows';

const EXTRA = ['jobUrl', 'serviceUrl'] as const;

/** Column names in the files: the list's columns, then the job's URL and its service's. */
export const EXPORT_FIELDS: readonly string[] = [...COLUMNS.map((c) => c.id), ...EXTRA];

export function exportRecord(r: JobRow, now: number): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const c of COLUMNS) out[c.id] = columnExport(c.id, r, now);
  out.service = r.service.label;
  out.jobUrl = r.jobUrl;
  out.serviceUrl = r.service.tapUrl;
  return out;
}

/** A text cell as a spreadsheet will not execute it. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = neutralise(v);
  return /[",\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rowsToCsv(rows: readonly JobRow[], now: number): string {
  const lines = [EXPORT_FIELDS.join(',')];
  for (const r of rows) {
    const rec = exportRecord(r, now);
    lines.push(EXPORT_FIELDS.map((f) => csvCell(rec[f] ?? null)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function rowsToJson(rows: readonly JobRow[], now: number): string {
  return `${JSON.stringify(rows.map((r) => exportRecord(r, now)), null, 2)}\n`;
}

/** Offer a text as a file download. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
