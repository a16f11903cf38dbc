import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button, buttonClass } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { inputClass } from '../../components/form';
import { UtcDateTimeInput } from '../../components/utc-date-time-input';
import { formatCount, formatDuration, fromUtcInputValue } from '../../lib/format';
import { capabilitiesQueryOptions, useSubmitJob, type SubmitJobInput } from '../../api';
import { rememberJob } from '../../lib/local-jobs';
import { jobListPath, jobPath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { JobFollowUpError } from '../../protocol/tap';
import type { UwsJob } from '../../protocol/uws/types';
import { suggestUploadName, uploadNameProblem } from './adql-identifier';
import { prepareUpload } from './csv-to-votable';
import { useServiceExamples } from './examples';
import { formatChoices, languageChoices, preferredFormat } from './output-formats';
import { addToHistory, historyLabel, useQueryHistory } from './query-history';
import { loadDraft, saveDraft, type SubmitDraft } from './submit-draft';
import { cn } from '../../lib/cn';

export interface SubmitPageProps {
  service: ServiceConfig;
}

const linkClass = 'text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200';
const labelClass = 'flex flex-col gap-1 text-sm font-medium text-slate-800 dark:text-slate-200';
const hintClass = 'text-xs font-normal text-slate-600 dark:text-slate-400';
const errorClass = 'text-xs font-normal text-red-700 dark:text-red-400';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The saved draft, or, when the page was opened to edit a job's query, that
 * query (the draft's own text goes to the history first, so nothing is lost).
 */
function startingDraft(tapUrl: string, state: unknown): SubmitDraft {
  const saved = loadDraft(tapUrl);
  const query = state && typeof state === 'object' && typeof (state as { query?: unknown }).query === 'string' ? (state as { query: string }).query : null;
  if (query === null || query === saved.query) return saved;
  if (saved.query.trim()) addToHistory(saved.query, tapUrl);
  return { ...saved, query };
}

function lineCount(text: string): string {
  const n = text.split('\n').length;
  return n === 1 ? '1 line' : `${n} lines`;
}

function limitText(limit: { default: number | null; hard: number | null } | undefined, unit: 'rows' | 'seconds' | 'span', what = ''): string | null {
  if (!limit || (limit.default === null && limit.hard === null)) return null;
  const show = (n: number) =>
    unit === 'rows' ? `${formatCount(n)} rows` : n === 0 ? 'unlimited' : unit === 'span' ? formatDuration(n) : `${formatCount(n)} s (${formatDuration(n)})`;
  const parts: string[] = [];
  if (limit.default !== null) parts.push(`default ${show(limit.default)}`);
  if (limit.hard !== null) parts.push(`at most ${show(limit.hard)}`);
  return `Service${what}: ${parts.join(', ')}.`;
}

/** The one upload table the query names (TAP_UPLOAD.x), if it names exactly one. */
function uploadNamedInQuery(query: string): string | null {
  const names = new Set([...query.matchAll(/TAP_UPLOAD\.([A-Za-z][A-Za-z0-9_]*)/gi)].map((m) => m[1]!));
  return names.size === 1 ? [...names][0]! : null;
}

interface Problems {
  query?: string;
  maxrec?: string;
  executionDuration?: string;
  destruction?: string;
  uploadName?: string;
}

function problemsOf(draft: SubmitDraft, hasFile: boolean): Problems {
  const p: Problems = {};
  if (!draft.query.trim()) p.query = 'Write a query.';
  if (draft.maxrec.trim() && !/^\d+$/.test(draft.maxrec.trim())) p.maxrec = 'A whole number of rows, or empty for the service default.';
  if (draft.executionDuration.trim() && !/^\d+$/.test(draft.executionDuration.trim()))
    p.executionDuration = 'A whole number of seconds (0 = unlimited), or empty for the service default.';
  if (draft.destruction.trim()) {
    const d = fromUtcInputValue(draft.destruction);
    if (!d) p.destruction = 'A date and time as YYYY-MM-DD HH:MM (UTC), or empty for the service default.';
    else if (d.getTime() <= Date.now()) p.destruction = 'The destruction time must lie in the future.';
  }
  if (hasFile) {
    const problem = uploadNameProblem(draft.uploadName.trim());
    if (problem) p.uploadName = problem;
  }
  return p;
}

function Field({ label, hint, problem, id, children }: { label: string; hint?: ReactNode; problem?: string; id: string; children: ReactNode }) {
  return (
    <div className={labelClass}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem ? (
        <span id={`${id}-problem`} className={errorClass}>
          {problem}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className={hintClass}>
            {hint}
          </span>
        )
      )}
    </div>
  );
}

export function SubmitPage({ service }: SubmitPageProps) {
  const navigate = useNavigate();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const location = useLocation();
  const [draft, setDraft] = useState<SubmitDraft>(() => startingDraft(service.tapUrl, location.state));
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const history = useQueryHistory();
  const examples = useServiceExamples(service);
  const caps = useQuery(capabilitiesQueryOptions(service));
  const submit = useSubmitJob(service);

  // The draft follows every keystroke, so a reload or a failure loses nothing.
  useEffect(() => {
    saveDraft(service.tapUrl, draft);
  }, [service.tapUrl, draft]);

  const formats = formatChoices(caps.data);
  const languages = languageChoices(caps.data);
  const chosenFormat = draft.format || preferredFormat(caps.data);
  const problems = problemsOf(draft, file !== null);
  const invalid = Object.keys(problems).length > 0;
  const uploadsSupported = !caps.data || caps.data.uploadMethods.length > 0;
  const uploadName = draft.uploadName.trim();
  const queryMentionsUpload = !file || !uploadName || new RegExp(`TAP_UPLOAD\\.${uploadName}\\b`, 'i').test(draft.query);

  const set = <K extends keyof SubmitDraft>(key: K, value: SubmitDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = async (e?: FormEvent) => {
    e?.preventDefault();
    setShowProblems(true);
    if (invalid || submit.isPending || fileProblem) return;
    const input: SubmitJobInput = { query: draft.query, lang: draft.lang || 'ADQL', run: draft.run };
    if (draft.maxrec.trim()) input.maxrec = Number(draft.maxrec.trim());
    if (chosenFormat) input.format = chosenFormat;
    if (draft.runId.trim()) input.runId = draft.runId.trim();
    if (draft.executionDuration.trim()) input.executionDuration = Number(draft.executionDuration.trim());
    const destruction = draft.destruction.trim() ? fromUtcInputValue(draft.destruction) : null;
    if (destruction) input.destruction = destruction;
    if (file) {
      try {
        const prepared = await prepareUpload(file, uploadName);
        input.uploads = [{ name: uploadName, file: prepared.file }];
      } catch (error) {
        setFileProblem(`${file.name} cannot be uploaded: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    const remember = (job: UwsJob) =>
      rememberJob({
        serviceUrl: service.tapUrl,
        jobUrl: job.url,
        jobId: job.jobId,
        creationTime: job.creationTime,
        query: draft.query,
        runId: input.runId ?? null,
      });
    submit.mutate(input, {
      onSuccess: (job) => {
        remember(job);
        addToHistory(draft.query, service.tapUrl);
        void navigate(jobPath(service.tapUrl, job.url));
      },
      onError: (error) => {
        if (error instanceof JobFollowUpError) {
          remember(error.job);
          addToHistory(draft.query, service.tapUrl);
        }
      },
    });
  };

  const onEditorKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const replaceQuery = (query: string) => {
    // The text being replaced goes into the history first, so picking loses nothing.
    if (draft.query.trim() && draft.query.trim() !== query.trim() && !history.some((h) => h.query === draft.query.trim())) {
      addToHistory(draft.query, service.tapUrl);
    }
    set('query', query);
  };
  const pickHistory = (index: string) => {
    const entry = history[Number(index)];
    if (entry) replaceQuery(entry.query);
  };
  const pickExample = (index: string) => {
    const example = examples[Number(index)];
    if (example) replaceQuery(example.query);
  };
  // What the service says about the example in the editor, while it is unchanged.
  const example = examples.find((x) => x.query === draft.query);

  const onFile = (f: File | null) => {
    setFile(f);
    setFileProblem(null);
    if (f && !draft.uploadName.trim()) set('uploadName', uploadNamedInQuery(draft.query) ?? suggestUploadName(f.name));
    if (f && caps.data?.uploadLimit && f.size > caps.data.uploadLimit) {
      setFileProblem(`${f.name} is ${formatCount(f.size)} bytes; the service accepts at most ${formatCount(caps.data.uploadLimit)}.`);
    }
  };

  // A job the server made before a later step failed: still worth opening.
  const created = submit.error instanceof JobFollowUpError ? submit.error.job : null;

  const shown = (key: keyof Problems) => (showProblems || key !== 'query' ? problems[key] : undefined);
  const describedBy = (key: string, has: boolean) => (has ? `${id}-${key}-problem` : `${id}-${key}-hint`);

  return (
    <div className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link className={linkClass} to={jobListPath(service.tapUrl)}>
          {service.label} jobs
        </Link>{' '}
        / <span>New query</span>
      </nav>
      <h1 className="text-xl font-semibold">New query on {service.label}</h1>
      {caps.isError && (
        <ErrorMessage
          error={caps.error}
          service={service}
          context="The service’s capabilities could not be read, so its formats and limits are not offered"
          onRetry={() => void caps.refetch()}
        />
      )}
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <label htmlFor={`${id}-query`} className="text-sm font-medium">
              ADQL query
            </label>
            <div className="flex flex-wrap items-center gap-3">
              {examples.length > 0 && (
                <label className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
                  Examples
                  <select className={cn(inputClass, 'max-w-[22rem] py-1 text-xs')} value="" onChange={(e) => pickExample(e.target.value)}>
                    <option value="">Start from one of the service’s examples…</option>
                    {examples.map((x, i) => (
                      <option key={`${x.name}-${i}`} value={i} title={x.query}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {history.length > 0 && (
                <label className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
                  Recent queries
                  <select
                    className={cn(inputClass, 'max-w-[28rem] py-1 text-xs')}
                    value=""
                    onChange={(e) => pickHistory(e.target.value)}
                  >
                    <option value="">Choose one to edit…</option>
                    {history.map((h, i) => (
                      <option key={`${h.at}-${i}`} value={i} title={h.query}>
                        {historyLabel(h)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          </div>
          {example?.description && (
            <p id={`${id}-example`} className={hintClass} data-testid="example-description">
              <span className="font-medium">{example.name}:</span> {example.description}
            </p>
          )}
          <textarea
            id={`${id}-query`}
            value={draft.query}
            onChange={(e) => set('query', e.target.value)}
            onKeyDown={onEditorKey}
            rows={14}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            autoComplete="off"
            aria-invalid={shown('query') ? true : undefined}
            aria-describedby={`${describedBy('query', !!shown('query'))}${example?.description ? ` ${id}-example` : ''}`}
            placeholder={examples.length > 0 ? 'SELECT … FROM …  (or start from one of the examples above)' : 'SELECT TOP 10 * FROM schema.table'}
            className={cn(inputClass, 'block w-full resize-y font-mono text-[13px] leading-relaxed')}
          />
          <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
            {shown('query') ? (
              <span id={`${id}-query-problem`} className={errorClass}>
                {shown('query')}
              </span>
            ) : (
              <span id={`${id}-query-hint`}>
                {isMac ? '⌘' : 'Ctrl'}+Enter submits. The draft is kept while you type.
              </span>
            )}
            <span className="tabular-nums">
              {lineCount(draft.query)} · {draft.query.length} characters
            </span>
          </div>

          <fieldset className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <legend className="px-1 text-sm font-medium">Upload a table (TAP_UPLOAD)</legend>
            {!uploadsSupported && <p className={hintClass}>This service declares no upload method; it will probably refuse a file.</p>}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                id={`${id}-file`}
                label="VOTable or CSV file"
                problem={fileProblem ?? undefined}
                hint={file ? `${file.name}, ${formatCount(file.size)} bytes. CSV is sent as a VOTable.` : 'Optional. CSV needs a header line.'}
              >
                <input
                  id={`${id}-file`}
                  type="file"
                  accept=".vot,.xml,.votable,.csv,.tsv,.txt,application/x-votable+xml,text/xml,text/csv"
                  onChange={(e) => onFile(e.target.files?.[0] ?? null)}
                  className="text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
                  aria-describedby={describedBy('file', !!fileProblem)}
                />
              </Field>
              <Field
                id={`${id}-upname`}
                label="Table name"
                problem={file ? shown('uploadName') : undefined}
                hint={
                  uploadName ? (
                    <>
                      Refer to it as <code className="font-mono">TAP_UPLOAD.{uploadName}</code>
                    </>
                  ) : (
                    'An ADQL identifier: letters, digits, _.'
                  )
                }
              >
                <input
                  id={`${id}-upname`}
                  className={cn(inputClass, 'font-mono')}
                  value={draft.uploadName}
                  onChange={(e) => set('uploadName', e.target.value)}
                  disabled={!file}
                  aria-invalid={file && problems.uploadName ? true : undefined}
                  aria-describedby={describedBy('upname', !!(file && problems.uploadName))}
                />
              </Field>
            </div>
            {file && !queryMentionsUpload && !problems.uploadName && (
              <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
                The query does not mention <code className="font-mono">TAP_UPLOAD.{uploadName}</code>; the table is uploaded but unused.
              </p>
            )}
          </fieldset>
        </div>

        <div className="space-y-3">
          <Field id={`${id}-lang`} label="Language (LANG)">
            <select id={`${id}-lang`} className={inputClass} value={draft.lang} onChange={(e) => set('lang', e.target.value)}>
              {(languages.includes(draft.lang) ? languages : [draft.lang, ...languages]).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={`${id}-format`}
            label="Output format"
            hint={caps.isPending ? 'Reading the service’s formats…' : formats.length === 0 ? 'The service’s default format.' : undefined}
          >
            <select
              id={`${id}-format`}
              className={inputClass}
              value={chosenFormat}
              onChange={(e) => set('format', e.target.value)}
              aria-describedby={`${id}-format-hint`}
            >
              <option value="">Service default</option>
              {formats.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
              {draft.format && !formats.some((f) => f.value === draft.format) && <option value={draft.format}>{draft.format}</option>}
            </select>
          </Field>
          <Field id={`${id}-maxrec`} label="Row limit (MAXREC)" problem={shown('maxrec')} hint={limitText(caps.data?.maxRec, 'rows') ?? 'Empty: the service default.'}>
            <input
              id={`${id}-maxrec`}
              className={cn(inputClass, 'tabular-nums')}
              inputMode="numeric"
              value={draft.maxrec}
              onChange={(e) => set('maxrec', e.target.value)}
              aria-invalid={shown('maxrec') ? true : undefined}
              aria-describedby={describedBy('maxrec', !!shown('maxrec'))}
            />
          </Field>
          <Field id={`${id}-runid`} label="Run id (RUNID)" hint="Your own label for the job, shown in job lists.">
            <input
              id={`${id}-runid`}
              className={inputClass}
              value={draft.runId}
              onChange={(e) => set('runId', e.target.value)}
              aria-describedby={`${id}-runid-hint`}
            />
          </Field>
          <Field
            id={`${id}-duration`}
            label="Execution duration (s)"
            problem={shown('executionDuration')}
            hint={limitText(caps.data?.executionDuration, 'seconds') ?? 'Empty: the service default. 0 = unlimited.'}
          >
            <input
              id={`${id}-duration`}
              className={cn(inputClass, 'tabular-nums')}
              inputMode="numeric"
              value={draft.executionDuration}
              onChange={(e) => set('executionDuration', e.target.value)}
              aria-invalid={shown('executionDuration') ? true : undefined}
              aria-describedby={describedBy('duration', !!shown('executionDuration'))}
            />
          </Field>
          <Field
            id={`${id}-destruction`}
            label="Destruction (UTC)"
            problem={shown('destruction')}
            hint={limitText(caps.data?.retentionPeriod, 'span', ' keeps jobs') ?? 'Empty: the service default.'}
          >
            <UtcDateTimeInput
              id={`${id}-destruction`}
              optional
              describeProblem={false}
              value={draft.destruction}
              onChange={(value) => set('destruction', value)}
              aria-invalid={shown('destruction') ? true : undefined}
              aria-describedby={describedBy('destruction', !!shown('destruction'))}
            />
          </Field>
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium">When created</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name={`${id}-run`} checked={draft.run} onChange={() => set('run', true)} />
              Run at once
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name={`${id}-run`} checked={!draft.run} onChange={() => set('run', false)} />
              Leave it PENDING (run it later)
            </label>
          </fieldset>
          <div className="flex flex-wrap items-center gap-2 pt-1">
            <Button type="submit" variant="primary" disabled={submit.isPending}>
              {submit.isPending ? 'Submitting…' : draft.run ? 'Submit and run' : 'Create job'}
            </Button>
            <Link to={jobListPath(service.tapUrl)} className={buttonClass('ghost')}>
              Cancel
            </Link>
          </div>
          {showProblems && invalid && (
            <p role="alert" className={errorClass}>
              Some fields need attention before the job can be created.
            </p>
          )}
          {submit.isError && (
            <ErrorMessage
              error={submit.error}
              service={service}
              context={submit.error instanceof JobFollowUpError ? 'The job was created, but a later step failed' : 'The job was not created'}
              actions={
                created && (
                  <Link className={buttonClass('primary', 'sm')} to={jobPath(service.tapUrl, created.url)}>
                    Open job {created.jobId} ({created.phase})
                  </Link>
                )
              }
            />
          )}
        </div>
      </form>
    </div>
  );
}

