/**
 * The submit page's state and actions: the form (react-hook-form, checked by
 * the zod schema), the kept draft, the service's capabilities and examples,
 * the recent queries, the upload file, and the one job-creating submission.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { capabilitiesQueryOptions, useSubmitJob } from '../../api';
import { formatCount } from '../../lib/format';
import { rememberJob } from '../../lib/local-jobs';
import { jobPath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { JobFollowUpError, errorPosition } from '../../protocol/tap';
import type { UwsJob } from '../../protocol/uws/types';
import { suggestUploadName } from './adql-identifier';
import { prepareUpload } from './csv-to-votable';
import { useCheckQuery } from './api/check-query';
import { tablesInQuery, useSchemaMetadata } from './api/schema-queries';
import { useServiceExamples, type ServiceExample } from './examples';
import type { QueryEditorHandle, QueryMark } from './query-editor';
import { openTables } from './schema-rows';
import { preferredFormat } from './output-formats';
import { addToHistory, useQueryHistory } from './query-history';
import { EMPTY_DRAFT, loadDraft, saveDraft, type SubmitDraft } from './submit-draft';
import { asyncQueryOf, draftFromLink, draftOf, submitFormSchema, uploadNamedInQuery, type SubmitFormValues } from './submit-form';

const lastSegment = (url: string) => decodeURIComponent(url.replace(/[?#].*$/s, '').replace(/\/+$/, '').split('/').pop() ?? url);

/**
 * The saved draft, or, when the page was opened to edit a job's query, that
 * query (the draft's own text goes to the history first, so nothing is lost).
 */
/** The error of the job whose query was opened for editing, if it ended in ERROR. */
function startingError(state: unknown): string | null {
  const error = state && typeof state === 'object' ? (state as { error?: unknown }).error : null;
  return typeof error === 'string' && error.trim() ? error : null;
}

function startingDraft(tapUrl: string, state: unknown, link: Partial<SubmitDraft> | null): SubmitDraft {
  const saved = loadDraft(tapUrl);
  const query = state && typeof state === 'object' && typeof (state as { query?: unknown }).query === 'string' ? (state as { query: string }).query : null;
  // A shared link brings its query and options; the draft's own text goes to the history.
  if (link) {
    if (saved.query.trim() && saved.query !== link.query) addToHistory(saved.query, tapUrl);
    return { ...saved, maxrec: '', runId: '', ...link };
  }
  if (query === null || query === saved.query) return saved;
  if (saved.query.trim()) addToHistory(saved.query, tapUrl);
  return { ...saved, query };
}

/** The job options a restored draft holds that differ from the service's defaults, in words. */
export function keptOptions(draft: SubmitDraft): string[] {
  const kept: string[] = [];
  if (!draft.run) kept.push('leave it PENDING');
  if (draft.maxrec.trim()) kept.push(`row limit ${draft.maxrec.trim()}`);
  if (draft.executionDuration.trim()) kept.push(`execution duration ${draft.executionDuration.trim()} s`);
  if (draft.destruction.trim()) kept.push(`destruction ${draft.destruction.trim().replace('T', ' ')} UTC`);
  return kept;
}

/** What is kept for the next job once one was created: its query text (and language and format), not its run choice and limits. */
function draftAfterSubmit(values: SubmitFormValues): SubmitDraft {
  return { ...EMPTY_DRAFT, query: values.query, lang: values.lang, format: values.format, uploadName: values.uploadName };
}

export function useSubmitForm(service: ServiceConfig) {
  const navigate = useNavigate();
  const location = useLocation();
  const [search, setSearch] = useSearchParams();
  const [initial] = useState<SubmitFormValues>(() => ({ ...startingDraft(service.tapUrl, location.state, draftFromLink(search)), file: null }));
  // Once read, a shared link's query leaves the address bar, so a reload keeps the edits made since.
  useEffect(() => {
    if (!search.has('query')) return;
    const next = new URLSearchParams(search);
    for (const param of ['query', 'maxrec', 'lang', 'format', 'runid']) next.delete(param);
    setSearch(next, { replace: true, state: location.state });
  }, [search, setSearch, location.state]);
  const form = useForm<SubmitFormValues>({ defaultValues: initial, resolver: zodResolver(submitFormSchema), mode: 'onChange' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  // Options an unfinished draft brought back, said plainly until the user resets or changes them.
  const [kept, setKept] = useState<string[]>(() => keptOptions(initial));
  const resetOptions = () => {
    for (const key of ['maxrec', 'executionDuration', 'destruction'] as const) setValue(key, EMPTY_DRAFT[key], { shouldDirty: true, shouldValidate: true });
    setValue('run', true, { shouldDirty: true });
    setKept([]);
  };
  const history = useQueryHistory();
  const examplesState = useServiceExamples(service);
  const examples = examplesState.examples;
  const caps = useQuery(capabilitiesQueryOptions(service));
  const submit = useSubmitJob(service);
  const { getValues, setValue, control } = form;
  const values = useWatch({ control }) as SubmitFormValues;

  // The draft follows every keystroke, so a reload or a failure loses nothing.
  useEffect(() => {
    saveDraft(service.tapUrl, draftOf(values));
  }, [service.tapUrl, values]);

  const chosenFormat = values.format || preferredFormat(caps.data);

  // The schema browser: what is open in it, and the metadata of those tables and of the ones the query names.
  const editor = useRef<QueryEditorHandle | null>(null);
  const [opened, setOpened] = useState<ReadonlySet<string> | null>(null);
  const wanted = useMemo(() => [...openTables(opened ?? new Set()), ...tablesInQuery(values.query)], [opened, values.query]);
  const metadata = useSchemaMetadata(service, wanted);
  // Until the user opens or closes anything, a service with few schemas shows its own (not TAP_SCHEMA) open.
  const open = useMemo<ReadonlySet<string>>(() => {
    if (opened) return opened;
    const own = metadata.schemas.filter((s) => s.name.toLowerCase() !== 'tap_schema');
    return new Set(own.length <= 3 ? own.map((s) => `s:${s.name}`) : []);
  }, [opened, metadata.schemas]);
  // The Check button, and the spot an error points at while the query is the one it was about.
  const check = useCheckQuery(service);
  const [jobError] = useState(() => {
    const message = startingError(location.state);
    return message ? { query: initial.query, message } : null;
  });
  const mark = useMemo<QueryMark | null>(() => {
    const about = check.data && !check.data.result.ok ? { query: check.data.query, message: check.data.result.message } : check.data ? null : jobError;
    if (!about || about.query !== values.query) return null;
    const position = errorPosition(about.message, about.query);
    return position ? { ...position, message: about.message } : null;
  }, [check.data, jobError, values.query]);
  const runCheck = () => {
    const { query, lang } = getValues();
    if (query.trim()) check.mutate({ query, lang: lang || 'ADQL' });
  };

  const toggle = (key: string) =>
    setOpened(() => {
      const next = new Set(open);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const onValid = async (values: SubmitFormValues) => {
    if (submit.isPending || fileProblem) return;
    const input = asyncQueryOf(values, chosenFormat);
    const uploadName = values.uploadName.trim();
    if (values.file) {
      try {
        const prepared = await prepareUpload(values.file, uploadName);
        input.uploads = [{ name: uploadName, file: prepared.file }];
      } catch (error) {
        setFileProblem(`${values.file.name} cannot be uploaded: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    const remember = (job: UwsJob | null, jobUrl: string) =>
      rememberJob({
        serviceUrl: service.tapUrl,
        jobUrl,
        jobId: job?.jobId ?? lastSegment(jobUrl),
        creationTime: job?.creationTime ?? null,
        query: values.query,
        runId: input.runId ?? null,
      });
    submit.mutate(input, {
      onSuccess: (job) => {
        remember(job, job.url);
        saveDraft(service.tapUrl, draftAfterSubmit(values));
        addToHistory(values.query, service.tapUrl);
        void navigate(jobPath(service.tapUrl, job.url));
      },
      onError: (error) => {
        if (error instanceof JobFollowUpError) {
          remember(error.job, error.jobUrl);
          saveDraft(service.tapUrl, draftAfterSubmit(values));
          addToHistory(values.query, service.tapUrl);
          // The redirect reached the job, so it exists: its page reads it again until it can.
          if (!error.job) void navigate(jobPath(service.tapUrl, error.jobUrl));
        }
      },
    });
  };

  const replaceQuery = (query: string) => {
    const current = getValues('query');
    // The text being replaced goes into the history first, so picking loses nothing.
    if (current.trim() && current.trim() !== query.trim() && !history.some((h) => h.query === current.trim())) {
      addToHistory(current, service.tapUrl);
    }
    setValue('query', query, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  };

  /** An example replaces the query and sets the options it needs (a row limit, a format, a language). */
  const pickExample = (example: ServiceExample) => {
    replaceQuery(example.query);
    const p = example.parameters;
    if (p.MAXREC && /^\d+$/.test(p.MAXREC)) setValue('maxrec', p.MAXREC, { shouldDirty: true, shouldValidate: true });
    if (p.LANG) setValue('lang', p.LANG, { shouldDirty: true });
    if (p.RESPONSEFORMAT) setValue('format', p.RESPONSEFORMAT, { shouldDirty: true });
  };

  const onFile = (file: File | null) => {
    setValue('file', file, { shouldValidate: form.formState.isSubmitted });
    setFileProblem(null);
    if (file && !getValues('uploadName').trim()) {
      setValue('uploadName', uploadNamedInQuery(getValues('query')) ?? suggestUploadName(file.name), { shouldDirty: true });
    }
    if (file && caps.data?.uploadLimit && file.size > caps.data.uploadLimit) {
      setFileProblem(`${file.name} is ${formatCount(file.size)} bytes; the service accepts at most ${formatCount(caps.data.uploadLimit)}.`);
    }
  };

  // A job the server made before a later step failed: still worth opening.
  const created = submit.error instanceof JobFollowUpError ? submit.error.job : null;

  return {
    form,
    values,
    editor,
    metadata,
    check,
    runCheck,
    mark,
    jobError,
    open,
    toggle,
    caps,
    examples,
    examplesState,
    pickExample,
    kept,
    resetOptions,
    history,
    submit,
    created,
    chosenFormat,
    fileProblem,
    onFile,
    replaceQuery,
    onSubmit: form.handleSubmit(onValid),
  };
}
