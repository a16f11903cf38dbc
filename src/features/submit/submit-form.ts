/**
 * The submit form's values, their rules (a zod schema used by react-hook-form)
 * and their translation into the async query the service receives.
 */
import { z } from 'zod';
import { fromUtcInputValue } from '../../lib/format';
import type { AsyncQuery } from '../../protocol/tap';
import { uploadNameProblem } from './adql-identifier';
import type { SubmitDraft } from './submit-draft';

/** What the form holds: the draft (kept across reloads) and the file to upload (never kept). */
export type SubmitFormValues = SubmitDraft & { file: File | null };

const wholeNumber = /^\d+$/;

export const submitFormSchema = z
  .object({
    query: z.string().refine((q) => q.trim() !== '', 'Write a query.'),
    lang: z.string(),
    maxrec: z.string().refine((v) => !v.trim() || wholeNumber.test(v.trim()), 'A whole number of rows, or empty for the service default.'),
    format: z.string(),
    runId: z.string(),
    executionDuration: z
      .string()
      .refine((v) => !v.trim() || wholeNumber.test(v.trim()), 'A whole number of seconds (0 = unlimited), or empty for the service default.'),
    destruction: z.string().superRefine((v, ctx) => {
      if (!v.trim()) return;
      const d = fromUtcInputValue(v);
      if (!d) ctx.addIssue({ code: 'custom', message: 'A date and time, or empty for the service default.' });
      else if (d.getTime() <= Date.now()) ctx.addIssue({ code: 'custom', message: 'The destruction time must lie in the future.' });
    }),
    run: z.boolean(),
    uploadName: z.string(),
    file: z.custom<File | null>((v) => v === null || (typeof File !== 'undefined' && v instanceof File)),
  })
  .superRefine((values, ctx) => {
    if (!values.file) return;
    const problem = uploadNameProblem(values.uploadName.trim());
    if (problem) ctx.addIssue({ code: 'custom', path: ['uploadName'], message: problem });
  });

/** The draft part of the form values, as it is kept between visits. */
export function draftOf(values: SubmitFormValues): SubmitDraft {
  const { file: _file, ...draft } = values;
  return draft;
}

/** The async query for valid form values (the upload, if any, is added by the caller once prepared). */
export function asyncQueryOf(values: SubmitFormValues, chosenFormat: string): AsyncQuery {
  const input: AsyncQuery = { query: values.query, lang: values.lang || 'ADQL', run: values.run };
  if (values.maxrec.trim()) input.maxrec = Number(values.maxrec.trim());
  if (chosenFormat) input.format = chosenFormat;
  if (values.runId.trim()) input.runId = values.runId.trim();
  if (values.executionDuration.trim()) input.executionDuration = Number(values.executionDuration.trim());
  const destruction = values.destruction.trim() ? fromUtcInputValue(values.destruction) : null;
  if (destruction) input.destruction = destruction;
  return input;
}

/** The one upload table the query names (TAP_UPLOAD.x), if it names exactly one. */
export function uploadNamedInQuery(query: string): string | null {
  const names = new Set([...query.matchAll(/TAP_UPLOAD\.([A-Za-z][A-Za-z0-9_]*)/gi)].map((m) => m[1]!));
  return names.size === 1 ? [...names][0]! : null;
}

/** Options a shared link may carry besides the service, by their URL parameter names. */
const LINK_OPTIONS = { maxrec: 'maxrec', lang: 'lang', format: 'format', runid: 'runId' } as const;

/** The path of a link that opens the submit page with this query and its options filled in. */
export function sharedQueryPath(tapUrl: string, values: Pick<SubmitFormValues, 'query' | 'maxrec' | 'lang' | 'format' | 'runId'>): string {
  const params = new URLSearchParams({ service: tapUrl, query: values.query });
  for (const [param, key] of Object.entries(LINK_OPTIONS)) {
    const value = values[key].trim();
    if (value && !(key === 'lang' && value === 'ADQL')) params.set(param, value);
  }
  return `/submit?${params.toString()}`;
}

/** The query and options a shared link carries, or null when it carries no query. */
export function draftFromLink(search: URLSearchParams): Partial<SubmitDraft> | null {
  const query = search.get('query');
  if (query === null || !query.trim()) return null;
  const draft: Partial<SubmitDraft> = { query };
  for (const [param, key] of Object.entries(LINK_OPTIONS)) {
    const value = search.get(param);
    if (value !== null) draft[key] = value;
  }
  return draft;
}
