import { useId, useRef } from 'react';
import { FormProvider } from 'react-hook-form';
import { Link } from 'react-router';
import { Button, buttonClass } from '../../components/button';
import { ErrorMessage } from '../../components/error-message';
import { jobListPath, jobPath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { JobFollowUpError, UncertainCreationError } from '../../protocol/tap';
import { errorClass, linkClass } from './field';
import { OptionsFields } from './options-fields';
import { QueryField } from './query-field';
import { UploadFields } from './upload-fields';
import { useSubmitForm } from './use-submit-form';

export interface SubmitPageProps {
  service: ServiceConfig;
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
  const { form, values, caps, examples, history, submit, created, chosenFormat, fileProblem, onFile, replaceQuery, onSubmit } = useSubmitForm(service);
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
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-2">
            <QueryField
              id={id}
              examples={examples}
              history={history}
              problem={isSubmitted ? errors.query?.message : undefined}
              onReplace={replaceQuery}
              onSubmitShortcut={() => formRef.current?.requestSubmit()}
            />
            <UploadFields id={id} uploadsSupported={!caps.data || caps.data.uploadMethods.length > 0} fileProblem={fileProblem} onFile={onFile} />
          </div>

          <div className="space-y-3">
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
