/**
 * The submit form as the user left it, per service, so that a reload, an
 * error or a crash loses nothing typed. A file cannot be kept; its table name is.
 */
import { local, readJson, writeJson } from '../../lib/storage';

export interface SubmitDraft {
  query: string;
  lang: string;
  maxrec: string;
  format: string;
  runId: string;
  executionDuration: string;
  /** UTC, as typed in the destruction field (YYYY-MM-DD HH:MM). */
  destruction: string;
  run: boolean;
  uploadName: string;
}

export const EMPTY_DRAFT: SubmitDraft = {
  query: '',
  lang: 'ADQL',
  maxrec: '',
  format: '',
  runId: '',
  executionDuration: '',
  destruction: '',
  run: true,
  uploadName: '',
};

const key = (tapUrl: string) => `uws-desk:submit-draft:v1:${tapUrl}`;

export function loadDraft(tapUrl: string): SubmitDraft {
  const raw = readJson<Partial<Record<keyof SubmitDraft, unknown>> | null>(local(), key(tapUrl), null);
  if (!raw || typeof raw !== 'object') return EMPTY_DRAFT;
  const draft: SubmitDraft = { ...EMPTY_DRAFT };
  for (const k of Object.keys(EMPTY_DRAFT) as (keyof SubmitDraft)[]) {
    const v = raw[k];
    if (typeof v === typeof EMPTY_DRAFT[k]) (draft as unknown as Record<string, unknown>)[k] = v;
  }
  return draft;
}

export function saveDraft(tapUrl: string, draft: SubmitDraft): void {
  writeJson(local(), key(tapUrl), draft);
}
