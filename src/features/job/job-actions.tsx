import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAbortJob, useDeleteJob, useRunJob } from '../../api';
import { forgetJob } from '../../lib/local-jobs';
import { jobListPath } from '../../lib/routes';
import type { ServiceConfig } from '../../lib/services';
import { isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import { abortOutcome, runOutcome, type Outcome } from './change-outcome';
import { ErrorMessage } from '../../components/error-message';
import { OutcomeLine } from './outcome-line';
import { actionsFor, whyNot } from './phases';

type Pending = 'abort' | 'delete' | null;

/** Run, abort and delete, each offered only where the phase allows it. */
export function JobActions({ service, job, jobUrl }: { service: ServiceConfig; job: UwsJob; jobUrl: string }) {
  const navigate = useNavigate();
  const run = useRunJob(service);
  const abort = useAbortJob(service);
  const remove = useDeleteJob(service);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const allowed = actionsFor(job.phase);
  const busy = run.isPending || abort.isPending || remove.isPending;

  const doRun = () => {
    setOutcome(null);
    abort.reset();
    remove.reset();
    run.mutate({ jobUrl }, { onSuccess: (held) => setOutcome(runOutcome(held)) });
  };
  const doAbort = () => {
    setConfirming(null);
    setOutcome(null);
    run.reset();
    remove.reset();
    abort.mutate({ jobUrl }, { onSuccess: (held) => setOutcome(abortOutcome(held)) });
  };
  const doDelete = () => {
    setConfirming(null);
    setOutcome(null);
    run.reset();
    abort.reset();
    remove.mutate(
      { jobUrl },
      {
        onSuccess: () => {
          forgetJob(jobUrl);
          void navigate(jobListPath(service.tapUrl), { state: { notice: `Job ${job.jobId} was deleted.` } });
        },
      },
    );
  };

  const failed = run.isError ? run.error : abort.isError ? abort.error : remove.isError ? remove.error : null;
  const failedWhat = run.isError ? 'The server did not run the job' : abort.isError ? 'The server did not abort the job' : 'The server did not delete the job';

  return (
    <div>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Job actions">
        {/* Run is offered only where it can be used; an ended job can be neither run nor aborted. */}
        {(allowed.run || run.isPending) && (
          <Button variant="primary" onClick={doRun} disabled={busy} title="Start the job">
            {run.isPending ? 'Starting…' : 'Run'}
          </Button>
        )}
        {!isFinalPhase(job.phase) && (
          <Button
            onClick={() => setConfirming('abort')}
            disabled={!allowed.abort || busy}
            title={allowed.abort ? 'Stop the job; its results so far are lost' : whyNot('abort', job.phase)}
          >
            {abort.isPending ? 'Aborting…' : 'Abort'}
          </Button>
        )}
        <Button variant="danger" onClick={() => setConfirming('delete')} disabled={busy} title="Delete the job and its results on the server">
          {remove.isPending ? 'Deleting…' : 'Delete'}
        </Button>
      </div>
      {failed !== null && <ErrorMessage service={service} error={failed} context={failedWhat} className="mt-2" />}
      <OutcomeLine outcome={outcome} />
      <ConfirmDialog
        open={confirming === 'abort'}
        title={`Abort job ${job.jobId}?`}
        confirmLabel="Abort job"
        onConfirm={doAbort}
        onCancel={() => setConfirming(null)}
      >
        The service stops working on it. A job cannot be restarted after an abort; you would submit the query again.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'delete'}
        title={`Delete job ${job.jobId}?`}
        confirmLabel="Delete job"
        onConfirm={doDelete}
        onCancel={() => setConfirming(null)}
      >
        The service removes the job and its results. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
