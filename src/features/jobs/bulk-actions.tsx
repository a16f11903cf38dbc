import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { TextInput } from '../../components/form';
import { errorSentence } from '../../lib/error-words';
import { formatUtc } from '../../lib/format';
import { jobKeys, getServiceClient } from '../../api';
import { forgetJobs } from '../../lib/local-jobs';
import { NotFoundError } from '../../protocol/http/errors';
import { isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import type { JobRow } from './rows';
import { runBulk, type BulkItem, type Outcome } from './run-bulk';

type Action = 'abort' | 'delete' | 'destruction';
type Result = { job: UwsJob | null; note: string };

const titles: Record<Action, string> = {
  abort: 'Abort jobs',
  delete: 'Delete jobs',
  destruction: 'Extend destruction time',
};

function defaultDestruction(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function plan(action: Action, rows: JobRow[]): BulkItem<JobRow>[] {
  return rows.map((r) => {
    let skip: string | undefined;
    if (action === 'abort' && r.gone) skip = 'The service no longer knows this job.';
    else if (action === 'abort' && r.phase && isFinalPhase(r.phase)) skip = `Already finished (${r.phase.toLowerCase()}).`;
    else if (action === 'destruction' && r.gone) skip = 'The service no longer knows this job.';
    return { key: r.key, item: r, skip };
  });
}

export function BulkActions({ rows }: { rows: JobRow[] }) {
  const [action, setAction] = useState<Action | null>(null);
  const [stage, setStage] = useState<'confirm' | 'running' | 'done'>('confirm');
  const [target, setTarget] = useState<JobRow[]>([]);
  const [outcomes, setOutcomes] = useState<Map<string, Outcome<Result>>>(new Map());
  const [date, setDate] = useState(defaultDestruction);
  const [dateError, setDateError] = useState<string | null>(null);
  const stopRef = useRef(false);
  const queryClient = useQueryClient();
  const dateId = useId();

  const open = (a: Action) => {
    setAction(a);
    setStage('confirm');
    setTarget(rows);
    setOutcomes(new Map());
    setDateError(null);
    stopRef.current = false;
  };

  const close = () => {
    setAction(null);
    setTarget([]);
  };

  const start = async () => {
    if (!action) return;
    let when: Date | null = null;
    if (action === 'destruction') {
      when = new Date(`${date}T23:59:59Z`);
      if (Number.isNaN(when.getTime())) {
        setDateError('Choose a date.');
        return;
      }
      if (when.getTime() <= Date.now()) {
        setDateError('Choose a date in the future.');
        return;
      }
    }
    setStage('running');
    const items = plan(action, target);
    const deleted: string[] = [];
    const services = new Map<string, JobRow['service']>();
    await runBulk<JobRow, Result>(
      items,
      async (row) => {
        const { uws } = getServiceClient(row.service);
        services.set(row.service.tapUrl, row.service);
        if (action === 'delete') {
          try {
            await uws.deleteJob(row.jobUrl);
            deleted.push(row.jobUrl);
            queryClient.removeQueries({ queryKey: jobKeys.detail(row.service, row.jobUrl) });
            return { job: null, note: 'Deleted.' };
          } catch (error) {
            if (error instanceof NotFoundError) {
              deleted.push(row.jobUrl);
              return { job: null, note: 'Was already gone from the service.' };
            }
            throw error;
          }
        }
        const job = action === 'abort' ? await uws.abortJob(row.jobUrl) : await uws.setDestruction(row.jobUrl, when!);
        queryClient.setQueryData(jobKeys.detail(row.service, row.jobUrl), job);
        const note =
          action === 'abort'
            ? `Now ${job.phase.toLowerCase()}.`
            : job.destruction
              ? `Destruction now ${formatUtc(job.destruction)}${
                  job.destruction.getTime() + 60_000 < when!.getTime() ? ' (the service allows no later date)' : ''
                }.`
              : 'The service did not say the new destruction time.';
        return { job, note };
      },
      (key, outcome) => setOutcomes((m) => new Map(m).set(key, outcome)),
      { concurrency: 3, shouldStop: () => stopRef.current },
    );
    if (deleted.length) forgetJobs(deleted);
    for (const s of services.values()) void queryClient.invalidateQueries({ queryKey: jobKeys.lists(s) });
    setStage('done');
  };

  const done = [...outcomes.values()].filter((o) => o.status === 'done').length;
  const failed = [...outcomes.values()].filter((o) => o.status === 'failed').length;
  const skipped = [...outcomes.values()].filter((o) => o.status === 'skipped').length;
  const finishedCount = done + failed + skipped;
  const n = target.length;
  const serviceCount = new Set(target.map((r) => r.service.tapUrl)).size;
  const verb = action === 'abort' ? 'Abort' : action === 'delete' ? 'Delete' : 'Extend';

  return (
    <>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Select jobs to abort, delete or extend them together.</p>
      ) : (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Actions on selected jobs">
          <span className="text-sm font-medium">{rows.length} selected</span>
          <Button size="sm" onClick={() => open('abort')}>
            Abort…
          </Button>
          <Button size="sm" onClick={() => open('destruction')}>
            Extend destruction…
          </Button>
          <Button size="sm" variant="danger" onClick={() => open('delete')}>
            Delete…
          </Button>
        </div>
      )}
      <Dialog
        open={action !== null}
        title={action ? titles[action] : ''}
        onClose={close}
        busy={stage === 'running'}
        footer={
          stage === 'confirm' ? (
            <>
              <Button autoFocus onClick={close}>
                Cancel
              </Button>
              <Button variant={action === 'delete' ? 'danger' : 'primary'} onClick={() => void start()}>
                {verb} {n} job{n === 1 ? '' : 's'}
              </Button>
            </>
          ) : stage === 'running' ? (
            <Button
              onClick={() => {
                stopRef.current = true;
              }}
            >
              Stop
            </Button>
          ) : (
            <Button autoFocus variant="primary" onClick={close}>
              Close
            </Button>
          )
        }
      >
        {stage === 'confirm' && (
          <div className="space-y-2">
            {action === 'delete' && (
              <p>
                <strong>
                  Delete {n} job{n === 1 ? '' : 's'}
                  {serviceCount > 1 ? ` on ${serviceCount} services` : ''}?
                </strong>{' '}
                Their results are destroyed on the service. This cannot be undone.
              </p>
            )}
            {action === 'abort' && (
              <p>
                <strong>Abort {n} job{n === 1 ? '' : 's'}?</strong> Running queries stop; finished jobs are left as
                they are.
              </p>
            )}
            {action === 'destruction' && (
              <div className="space-y-1">
                <p>Ask the service to keep {n} job{n === 1 ? '' : 's'} and their results until:</p>
                <label htmlFor={dateId} className="block text-sm font-medium">
                  New destruction date (end of day, UTC)
                </label>
                <TextInput
                  id={dateId}
                  type="date"
                  value={date}
                  onChange={(e) => setDate(e.target.value)}
                  aria-invalid={dateError ? true : undefined}
                  aria-describedby={dateError ? `${dateId}-error` : undefined}
                />
                {dateError && (
                  <p id={`${dateId}-error`} className="text-xs text-red-700 dark:text-red-300">
                    {dateError}
                  </p>
                )}
                <p className="text-xs text-slate-600 dark:text-slate-400">Services may cap the date; each job’s outcome shows what the service set.</p>
              </div>
            )}
            <ul className="max-h-40 overflow-auto rounded border border-slate-200 p-2 font-mono text-xs dark:border-slate-700">
              {target.map((r) => (
                <li key={r.key}>
                  {r.jobId}
                  {serviceCount > 1 ? <span className="font-sans text-slate-600 dark:text-slate-400"> — {r.service.label}</span> : null}
                </li>
              ))}
            </ul>
            <p className="text-xs text-slate-600 dark:text-slate-400">Each job is sent once; failures are reported, not retried.</p>
          </div>
        )}
        {stage !== 'confirm' && (
          <div className="space-y-2">
            <div>
              <p aria-live="polite" className="text-sm font-medium">
                {stage === 'running' ? `Working… ${finishedCount} of ${n} done` : `Finished: ${done} succeeded, ${failed} failed, ${skipped} skipped.`}
              </p>
              <progress className="mt-1 h-2 w-full" max={n} value={finishedCount} aria-label="Progress" />
            </div>
            <ul aria-label="Outcome per job" className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm dark:divide-slate-800">
              {target.map((r) => {
                const o = outcomes.get(r.key) ?? { status: 'pending' };
                return (
                  <li key={r.key} className="flex gap-2 py-1" data-outcome={o.status}>
                    <span aria-hidden="true" className="w-4 shrink-0 text-center">
                      {o.status === 'done' ? '✓' : o.status === 'failed' ? '✗' : o.status === 'skipped' ? '–' : o.status === 'running' ? '…' : ''}
                    </span>
                    <span className="w-40 shrink-0 truncate font-mono text-xs leading-5">{r.jobId}</span>
                    <span className={o.status === 'failed' ? 'text-red-800 dark:text-red-300' : ''}>
                      {o.status === 'pending' && 'Waiting'}
                      {o.status === 'running' && 'Sending…'}
                      {o.status === 'done' && o.value.note}
                      {o.status === 'skipped' && `Skipped: ${o.reason}`}
                      {o.status === 'failed' && `Failed: ${errorSentence(o.error)}`}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </Dialog>
    </>
  );
}
