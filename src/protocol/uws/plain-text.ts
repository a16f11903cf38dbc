/**
 * Single-value UWS sub-resources (`/phase`, `/quote`, `/owner`, `/startTime`,
 * ...) are plain text. Services add trailing whitespace or CRLF, and some
 * (DaCHS) write `NULL` for a value that is not set.
 */
import { isExecutionPhase, type ExecutionPhase } from './types';

/** The value, trimmed; null when empty or the text NULL. */
export function parsePlainValue(text: string): string | null {
  const value = text.replace(/^\uFEFF/, '').trim();
  if (value === '' || value.toUpperCase() === 'NULL') return null;
  return value;
}

/** A phase from `/phase` (or a phase element), in any case; unknown words give 'UNKNOWN'. */
export function parsePhase(text: string): ExecutionPhase | null {
  const value = parsePlainValue(text)?.toUpperCase();
  if (value === undefined) return null;
  return isExecutionPhase(value) ? value : 'UNKNOWN';
}
