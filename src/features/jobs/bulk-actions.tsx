import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { jobQueryOptions } from '../../api';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { errorWords } from '../../lib/error-words';
import { fromUtcInputValue, UTC_INPUT_FORMAT } from '../../lib/format';
import { forgetJobs, rememberJob } from '../../lib/local-jobs';
import { jobPath } from '../../lib/routes';
import { NotFoundError } from '../../protocol/http/errors';
import { JobFollowUpError } from '../../protocol/tap';
import { isFinalPhase, type UwsJob } from '../../protocol/uws/types';
import { ExtendOptions, TargetList, type ExtendChoice } from './bulk-options';
import { SkipJob, extendNote, extendTarget, rerunInput, type ExtendMode } from './bulk-plan';
import type { JobRow } from './rows';
import { runBulk, type BulkItem, type Outcome } from './run-bulk';
import { ServicesMutations, type MutationRegistry } from './service-mutations';

type Action = 'abort' | 'delete' | 'destruction' | 'rerun';
type Result = { note: string; link?: { tapUrl: string; jobUrl: string; jobId: string } };

const titles: Record<Action, string> = {
  abort: 'Abort jobs',
  delete: 'Delete jobs',
  destruction: 'Extend destruction time',
  rerun: 'Re-run jobs',
};

function plan(action: Action, rows: JobRow[]): BulkItem<JobRow>[] {
  return rows.map((r) => {
    let skip: string | undefined;
    if (r.gone && action !== 'delete') skip = 'The service no longer knows this job.';
    else if (action === 'abort' && r.phase && isFinalPhase(r.phase)) skip = `Already finished (${r.phase.toLowerCase()}).`;
    else if (action === 'rerun' && r.phase && r.phase !== 'ERROR' && r.phase !== 'ABORTED') skip = `Only failed or aborted jobs are re-run; this one is ${r.phase.toLowerCase()}.`;
    return { key: r.key, item: r, skip };
  });
}

function readExtend(choice: ExtendChoice): ExtendMode | string {
  if (choice.kind === 'add') {
    const days = Number(choice.days);
    return Number.isInteger(days) && days > 0 && days <= 3650 ? { kind: 'add', days } : 'Give a whole number of days, 1 or more.';
  }
  const date = fromUtcInputValue(choice.date);
  if (!date) return `Give the time as ${UTC_INPUT_FORMAT} (UTC), e.g. 2026-12-09 23:59.`;
  return date.getTime() <= Date.now() ? 'Choose a date in the future.' : { kind: 'atLeast', date };
}

export function BulkActions({ rows }: { rows: JobRow[] }) {
  const [action, setAction] = useState<Action | null>(null);
  const [stage, setStage] = useState<'confirm' | 'running' | 'done'>('confirm');
  const [target, setTarget] = useState<JobRow[]>([]);
  const [outcomes, setOutcomes] = useState<Map<string, Outcome<Result>>>(new Map());
  const [extend, setExtend] = useState<ExtendChoice>({ kind: 'add', days: '7' });
  const [runNow, setRunNow] = useState(true);
  const [inputError, setInputError] = useState<string | null>(null);
  const stopRef = useRef(false);
  const queryClient = useQueryClient();
  const [registry] = useState<MutationRegistry>(() => new Map());
  const services = useMemo(() => [...new Map([...rows, ...target].map((r) => [r.service.tapUrl, r.service])).values()], [rows, target]);

  const open = (a: Action) => {
    setAction(a);
    setStage('confirm');
    setTarget(rows);
    setOutcomes(new Map());
    setInputError(null);
    stopRef.current = false;
  };
  const close = () => {
    setAction(null);
    setTarget([]);
  };

  /** The job's document: the one held in the cache, or read once now. */
  const documentOf = (row: JobRow) => queryClient.ensureQueryData({ ...jobQueryOptions(row.service, row.jobUrl), gcTime: Infinity });

  const step = async (row: JobRow, mode: ExtendMode | null): Promise<Result> => {
    const m = registry.get(row.service.tapUrl);
    if (!m) throw new Error('This service’s actions are not ready yet.');
    switch (action) {
      case 'delete':
        try {
          const { alreadyGone } = await m.remove(row.jobUrl);
          return { note: alreadyGone ? 'Was already gone from the service.' : 'Deleted.' };
        } catch (error) {
          if (error instanceof NotFoundError) return { note: 'Was already gone from the service.' };
          throw error;
        }
      case 'abort': {
        const job = await m.abort(row.jobUrl);
        return { note: `Now ${job.phase.toLowerCase()}.` };
      }
      case 'destruction': {
        const before = (await documentOf(row)).destruction;
        const to = extendTarget(before, mode!);
        if ('skip' in to) throw new SkipJob(to.skip);
        const job = await m.setDestruction(row.jobUrl, to);
        return { note: extendNote(before, to, job.destruction) };
      }
      case 'rerun': {
        const input = rerunInput(await documentOf(row), runNow);
        if ('skip' in input) throw new SkipJob(input.skip);
        let created: UwsJob;
        let note = runNow ? 'New job created and started.' : 'New job created, left pending.';
        try {
          created = await m.submit(input);
        } catch (error) {
          // Without the job's URL, nothing is known about the new job: say the failure as it is.
          if (!(error instanceof JobFollowUpError) || !error.job) throw error;
          created = error.job;
          note = `New job created, but ${errorWords(error.cause).title.toLowerCase()}.`;
        }
        rememberJob({ serviceUrl: row.service.tapUrl, jobUrl: created.url, jobId: created.jobId, creationTime: created.creationTime, query: input.query, runId: input.runId });
        return { note, link: { tapUrl: row.service.tapUrl, jobUrl: created.url, jobId: created.jobId } };
      }
      default:
        throw new Error('No action chosen.');
    }
  };

  const start = async () => {
    if (!action) return;
    let mode: ExtendMode | null = null;
    if (action === 'destruction') {
      const read = readExtend(extend);
      if (typeof read === 'string') return setInputError(read);
      mode = read;
    }
    setStage('running');
    const gone: string[] = [];
    await runBulk<JobRow, Result>(
      plan(action, target),
      async (row) => {
        const r = await step(row, mode);
        if (action === 'delete') gone.push(row.jobUrl);
        return r;
      },
      (key, outcome) => setOutcomes((m) => new Map(m).set(key, outcome)),
      { concurrency: 3, shouldStop: () => stopRef.current },
    );
    if (gone.length) forgetJobs(gone);
    setStage('done');
  };

  const counts = { done: 0, failed: 0, skipped: 0 };
  for (const o of outcomes.values()) if (o.status in counts) counts[o.status as keyof typeof counts]++;
  const finishedCount = counts.done + counts.failed + counts.skipped;
  const n = target.length;
  const serviceCount = new Set(target.map((r) => r.service.tapUrl)).size;
  const verb = { abort: 'Abort', delete: 'Delete', destruction: 'Extend', rerun: 'Re-run' }[action ?? 'abort'];

  return (
    <>
      <ServicesMutations services={services} registry={registry} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Select jobs to act on them together.</p>
      ) : (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Actions on selected jobs">
          <span className="text-sm font-medium">{rows.length} selected</span>
          <Button size="sm" onClick={() => open('abort')}>
            Abort…
          </Button>
          <Button size="sm" onClick={() => open('destruction')}>
            Extend destruction…
          </Button>
          <Button size="sm" onClick={() => open('rerun')}>
            Re-run…
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
        className="max-w-2xl"
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
            <Button onClick={() => (stopRef.current = true)}>Stop</Button>
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
                <strong>Abort {n} job{n === 1 ? '' : 's'}?</strong> Running queries stop; finished jobs are left as they are.
              </p>
            )}
            {action === 'destruction' && <ExtendOptions value={extend} onChange={setExtend} error={inputError} />}
            {action === 'rerun' && (
              <fieldset className="space-y-1 text-sm">
                <legend>Each failed or aborted job’s query and options go into one new job; other jobs are skipped.</legend>
                <label className="flex items-center gap-2">
                  <input type="radio" checked={runNow} onChange={() => setRunNow(true)} /> Run the new jobs at once
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" checked={!runNow} onChange={() => setRunNow(false)} /> Leave them pending
                </label>
              </fieldset>
            )}
            <TargetList rows={target} showService={serviceCount > 1} />
            <p className="text-xs text-slate-600 dark:text-slate-400">Each job is sent once; failures are reported, not retried.</p>
          </div>
        )}
        {stage !== 'confirm' && (
          <div className="space-y-2">
            <div>
              <p aria-live="polite" className="text-sm font-medium">
                {stage === 'running'
                  ? `Working… ${finishedCount} of ${n} done`
                  : `Finished: ${counts.done} succeeded, ${counts.failed} failed, ${counts.skipped} skipped.`}
              </p>
              <progress className="mt-1 h-2 w-full" max={n} value={finishedCount} aria-label="Progress" />
            </div>
            <ul aria-label="Outcome per job" className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm dark:divide-slate-800">
              {target.map((r) => {
                const o = outcomes.get(r.key) ?? { status: 'pending' };
                return (
                  <li key={r.key} className="flex gap-2 py-1" data-outcome={o.status}>
                    <span aria-hidden="true" className="w-4 shrink-0 text-center">
                      {{ done: '✓', failed: '✗', skipped: '–', running: '…', pending: '' }[o.status]}
                    </span>
                    <bdi className="w-40 shrink-0 truncate font-mono text-xs leading-5">{r.jobId}</bdi>
                    <span className={o.status === 'failed' ? 'text-red-800 dark:text-red-300' : ''}>
                      {o.status === 'pending' && 'Waiting'}
                      {o.status === 'running' && 'Sending…'}
                      {o.status === 'done' && o.value.note}
                      {o.status === 'done' && o.value.link && (
                        <>
                          {' '}
                          <Link className="text-blue-800 underline dark:text-blue-300" to={jobPath(o.value.link.tapUrl, o.value.link.jobUrl)}>
                            Open {o.value.link.jobId}
                          </Link>
                        </>
                      )}
                      {o.status === 'skipped' && `Skipped: ${o.reason}`}
                      {o.status === 'failed' && `Failed: ${errorWords(o.error).title}. ${errorWords(o.error).explanation}`}
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
