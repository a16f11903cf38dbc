import { useId, useRef, useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { Link } from 'react-router';
import { Button, buttonClass } from '../../components/button';
import { CopyAsCode } from '../../components/copy-as-code';
import { unproxiedUrl } from '../../lib/proxy';
import { ErrorMessage } from '../../components/error-message';
import { querySnippet } from '../../lib/code-snippets';
import { asyncQueryOf, sharedQueryPath } from './submit-form';
import { jobListPath, jobPath, servicePath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { JobFollowUpError, UncertainCreationError } from '../../protocol/tap';
import { errorClass, linkClass } from './field';
import { OptionsFields } from './options-fields';
import { QueryField } from './query-field';
import { SchemaBrowser } from './schema-browser';
import { CheckResultView } from './check-result';
import type { TapFunction } from '../../protocol/tap';
import { UploadFields } from './upload-fields';
import { useSubmitForm } from './use-submit-form';

const NO_FUNCTIONS: readonly TapFunction[] = [];

export interface SubmitPageProps {
  service: ServiceConfig;
}

/** Copies a link that opens this page with the query and its options filled in. */
function ShareLinkButton({ path }: { path: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    const url = new URL(path, window.location.href).toString();
    try {
      await navigator.clipboard.writeText(url);
      setSaid('Link copied');
    } catch {
      setSaid('Copy failed');
    }
    setTimeout(() => setSaid(null), 2000);
  };
  return (
    <Button onClick={() => void copy()}>
      <span aria-live="polite">{said ?? 'Copy link to this query'}</span>
    </Button>
  );
}

/** What a failed submission means for the job: made, not made, or not known. */
function submitContext(error: Error): string {
  if (error instanceof JobFollowUpError) return 'The job was created, but a later step failed';
  if (error instanceof UncertainCreationError && error.lookup === 'unknown') return 'It is not known whether the job was created';
  return 'The job was not created';
}

export function SubmitPage({ service }: SubmitPageProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { form, values, editor, metadata, check, runCheck, mark, jobError, open, toggle, caps, examples, examplesState, pickExample, kept, resetOptions, history, submit, created, chosenFormat, fileProblem, onFile, replaceQuery, onSubmit } = useSubmitForm(service);
  const { errors, isSubmitted } = form.formState;
  const invalid = Object.keys(errors).length > 0;

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
      {caps.data?.loginRequired && service.credential.kind === 'none' && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          This service asks for a login, and no credential is set for it in this browser, so it will probably refuse the job.{' '}
          <Link className="font-medium underline underline-offset-2" to={servicePath(service.tapUrl)}>
            Set a credential for {service.label}
          </Link>
          .
        </p>
      )}
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-2">
            <QueryField
              id={id}
              examples={examples}
              history={history}
              problem={isSubmitted ? errors.query?.message : undefined}
              onReplace={replaceQuery}
              onPickExample={pickExample}
              examplesFailed={examplesState.failed}
              examplesRetrying={examplesState.retrying}
              onRetryExamples={examplesState.retry}
              onSubmitShortcut={() => formRef.current?.requestSubmit()}
              schemas={metadata.schemas}
              functions={caps.data?.functions ?? NO_FUNCTIONS}
              mark={mark}
              editorRef={editor}
            />
            <div className="flex flex-wrap items-center gap-2">
              <Button onClick={runCheck} disabled={check.isPending || !values.query.trim()}>
                {check.isPending ? 'Checking…' : 'Check'}
              </Button>
              <ShareLinkButton path={sharedQueryPath(service.tapUrl, values)} />
              <span className="text-xs text-slate-600 dark:text-slate-400">Check runs the query for no rows: the columns it would return, or the service’s error.</span>
            </div>
            {jobError && !check.data && jobError.query === values.query && (
              <p role="status" className="text-sm text-red-800 dark:text-red-300">
                The job ended in error: <span className="font-mono text-xs">{jobError.message}</span>
                {mark && ' The spot it names is marked in the editor.'}
              </p>
            )}
            <CheckResultView
              service={service}
              result={check.data?.result}
              stale={!!check.data && check.data.query !== values.query}
              error={check.error}
              onRetry={runCheck}
            />
            <CopyAsCode
              title="Copy this query as code"
              snippet={(tool) => {
                const q = asyncQueryOf(values, chosenFormat);
                // Other tools reach the service itself: the app's proxy is only there for the browser.
                return querySnippet(tool, {
                  tapUrl: unproxiedUrl(service.tapUrl),
                  query: values.query,
                  lang: q.lang,
                  ...(q.maxrec !== undefined && Number.isFinite(q.maxrec) ? { maxrec: q.maxrec } : {}),
                  ...(q.format ? { format: q.format } : {}),
                  ...(q.runId ? { runId: q.runId } : {}),
                  needsToken: service.credential.kind !== 'none',
                });
              }}
            />
            <SchemaBrowser
              id={id}
              service={service}
              schemas={metadata.schemas}
              status={metadata.tableset.status}
              error={metadata.tableset.error}
              source={metadata.tableset.data?.source}
              truncated={metadata.tableset.data?.truncated ?? false}
              onRetry={() => void metadata.tableset.refetch()}
              loadingTables={metadata.loadingTables}
              open={open}
              onToggle={toggle}
              query={values.query}
              onInsert={(text) => editor.current?.insert(text)}
            />
            <UploadFields id={id} uploadsSupported={!caps.data || caps.data.uploadMethods.length > 0} uploadLimit={caps.data?.uploadLimit ?? null} fileProblem={fileProblem} onFile={onFile} />
          </div>

          <div className="space-y-3">
            {kept.length > 0 && (
              <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
                Kept from your unfinished draft: {kept.join(', ')}.{' '}
                <button type="button" className="font-medium underline underline-offset-2" onClick={resetOptions}>
                  Use the service’s defaults
                </button>
              </div>
            )}
            <OptionsFields id={id} caps={caps.data} capsPending={caps.isPending} chosenFormat={chosenFormat} />
            <div className="flex flex-wrap items-center gap-2 pt-1">
              <Button type="submit" variant="primary" disabled={submit.isPending}>
                {submit.isPending ? 'Submitting…' : values.run ? 'Submit and run' : 'Create job'}
              </Button>
              <Link to={jobListPath(service.tapUrl)} className={buttonClass('ghost')}>
                Cancel
              </Link>
            </div>
            {isSubmitted && invalid && (
              <p role="alert" className={errorClass}>
                Some fields need attention before the job can be created.
              </p>
            )}
            {submit.isError && (
              <ErrorMessage
                error={submit.error}
                service={service}
                context={submitContext(submit.error)}
                actions={
                  created ? (
                    <Link className={buttonClass('primary', 'sm')} to={jobPath(service.tapUrl, created.url)}>
                      Open job {created.jobId} ({created.phase})
                    </Link>
                  ) : submit.error instanceof UncertainCreationError && submit.error.lookup === 'unknown' ? (
                    <Link className={buttonClass('primary', 'sm')} to={jobListPath(service.tapUrl)}>
                      Look at the job list
                    </Link>
                  ) : undefined
                }
              />
            )}
          </div>
        </form>
      </FormProvider>
    </div>
  );
}
