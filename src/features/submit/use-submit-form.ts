/**
 * The submit page's state and actions: the form (react-hook-form, checked by
 * the zod schema), the kept draft, the service's capabilities and examples,
 * the recent queries, the upload file, and the one job-creating submission.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useLocation, useNavigate } from 'react-router';
import { capabilitiesQueryOptions, useSubmitJob } from '../../api';
import { formatCount } from '../../lib/format';
import { rememberJob } from '../../lib/local-jobs';
import { jobPath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { JobFollowUpError } from '../../protocol/tap';
import type { UwsJob } from '../../protocol/uws/types';
import { suggestUploadName } from './adql-identifier';
import { prepareUpload } from './csv-to-votable';
import { useServiceExamples } from './examples';
import { preferredFormat } from './output-formats';
import { addToHistory, useQueryHistory } from './query-history';
import { loadDraft, saveDraft, type SubmitDraft } from './submit-draft';
import { asyncQueryOf, draftOf, submitFormSchema, uploadNamedInQuery, type SubmitFormValues } from './submit-form';

const lastSegment = (url: string) => decodeURIComponent(url.replace(/[?#].*$/s, '').replace(/\/+$/, '').split('/').pop() ?? url);

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

export function useSubmitForm(service: ServiceConfig) {
  const navigate = useNavigate();
  const location = useLocation();
  const [initial] = useState<SubmitFormValues>(() => ({ ...startingDraft(service.tapUrl, location.state), file: null }));
  const form = useForm<SubmitFormValues>({ defaultValues: initial, resolver: zodResolver(submitFormSchema), mode: 'onChange' });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const history = useQueryHistory();
  const examples = useServiceExamples(service);
  const caps = useQuery(capabilitiesQueryOptions(service));
  const submit = useSubmitJob(service);
  const { getValues, setValue, control } = form;
  const values = useWatch({ control }) as SubmitFormValues;

  // The draft follows every keystroke, so a reload or a failure loses nothing.
  useEffect(() => {
    saveDraft(service.tapUrl, draftOf(values));
  }, [service.tapUrl, values]);

  const chosenFormat = values.format || preferredFormat(caps.data);

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
        addToHistory(values.query, service.tapUrl);
        void navigate(jobPath(service.tapUrl, job.url));
      },
      onError: (error) => {
        if (error instanceof JobFollowUpError) {
          remember(error.job, error.jobUrl);
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
    caps,
    examples,
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
