import { Link } from 'react-router';
import { Button } from '../../components/button';
import { PhaseBadge } from '../../components/phase-badge';
import { formatCount, formatDuration, formatUtc } from '../../lib/format';
import { jobPath } from '../../lib/routes';
import { EXECUTION_PHASES } from '../../protocol/uws/types';
import { overview, type Spread } from './overview';
import type { JobRow, PhaseCounts } from './rows';

/** Most bars in the timeline: the first jobs of the view in its order. */
const TIMELINE_MAX = 150;

function Figures({ label, s }: { label: string; s: Spread | null }) {
  const d = (v: number) => (v < 1 ? '< 1 s' : formatDuration(v));
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="tabular-nums">{s ? `median ${d(s.median)} · p90 ${d(s.p90)} · max ${d(s.max)} (${formatCount(s.count)} jobs)` : 'no jobs yet'}</dd>
    </div>
  );
}

const runColour: Record<string, string> = {
  COMPLETED: 'bg-green-600 dark:bg-green-500',
  ERROR: 'bg-red-600 dark:bg-red-500',
  ABORTED: 'bg-orange-500',
  EXECUTING: 'bg-blue-600 dark:bg-blue-400',
};

/** One bar per job: creation → queue (amber) → run (by outcome) → end. Each bar opens its job. */
function Timeline({ rows, now }: { rows: readonly JobRow[]; now: number }) {
  const shown = rows.filter((r) => r.creationTime && !r.gone).slice(0, TIMELINE_MAX);
  if (shown.length === 0) return null;
  const t0 = Math.min(...shown.map((r) => r.creationTime!.getTime()));
  const t1 = Math.max(now, ...shown.map((r) => r.endTime?.getTime() ?? 0));
  const span = Math.max(1, t1 - t0);
  const pct = (t: number) => `${(((t - t0) / span) * 100).toFixed(3)}%`;
  const w = (a: number, b: number) => `max(2px, ${(((b - a) / span) * 100).toFixed(3)}%)`;
  return (
    <figure className="space-y-1">
      <figcaption className="flex justify-between text-xs text-slate-600 dark:text-slate-400">
        <span>{formatUtc(new Date(t0))}</span>
        <span>
          Timeline{rows.length > shown.length ? ` of the first ${shown.length} jobs in this order` : ''}: queue in amber, run coloured by outcome
        </span>
        <span>{formatUtc(new Date(t1))}</span>
      </figcaption>
      <ol className="max-h-48 space-y-px overflow-auto rounded border border-slate-200 p-1 dark:border-slate-700" aria-label="Timeline of jobs">
        {shown.map((r) => {
          const c = r.creationTime!.getTime();
          const s = r.startTime?.getTime();
          const e = r.endTime?.getTime() ?? (r.phase === 'EXECUTING' || r.phase === 'QUEUED' ? now : undefined);
          const label = `${r.jobId}: ${r.phase ?? 'unknown'}, created ${formatUtc(r.creationTime!)}${r.startTime ? `, started ${formatUtc(r.startTime)}` : ''}${r.endTime ? `, ended ${formatUtc(r.endTime)}` : ''}`;
          return (
            <li key={r.key} className="relative h-2">
              <Link to={jobPath(r.service.tapUrl, r.jobUrl)} aria-label={label} title={label} className="absolute inset-y-0 block" style={{ left: pct(c), width: w(c, e ?? s ?? c) }}>
                <span className="absolute inset-y-0 left-0 block bg-slate-300 dark:bg-slate-600" style={{ width: '100%' }} />
                {s !== undefined && <span className="absolute inset-y-0 left-0 block bg-amber-400" style={{ width: `${((s - c) / Math.max(1, (e ?? s) - c)) * 100}%` }} />}
                {/* Still waiting: queued from creation until now. */}
                {s === undefined && r.phase === 'QUEUED' && <span className="absolute inset-y-0 left-0 block w-full bg-amber-400" />}
                {s !== undefined && e !== undefined && (
                  <span
                    className={`absolute inset-y-0 right-0 block ${runColour[r.phase ?? ''] ?? 'bg-slate-500'}`}
                    style={{ width: `${((e - s) / Math.max(1, e - c)) * 100}%` }}
                  />
                )}
              </Link>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

export interface JobOverviewProps {
  rows: readonly JobRow[];
  counts: PhaseCounts;
  now: number;
  stuckQueuedMinutes?: number;
  stuckFilterOn: boolean;
  onShowStuck: (on: boolean) => void;
}

export function JobOverview({ rows, counts, now, stuckQueuedMinutes, stuckFilterOn, onShowStuck }: JobOverviewProps) {
  const o = overview(rows, now, stuckQueuedMinutes);
  return (
    <details className="rounded-lg border border-slate-200 p-2 text-sm dark:border-slate-700" data-testid="job-overview">
      <summary className="cursor-pointer font-medium">
        Overview of {formatCount(rows.length)} jobs{o.stuck.length ? `, ${o.stuck.length} stuck` : ''}
      </summary>
      <div className="mt-2 space-y-3">
        <ul className="flex flex-wrap gap-2" aria-label="Jobs per phase">
          {[...EXECUTION_PHASES, 'GONE' as const].map((p) =>
            counts[p] ? (
              <li key={p} className="inline-flex items-center gap-1">
                <PhaseBadge phase={p} /> <span className="tabular-nums">{formatCount(counts[p])}</span>
              </li>
            ) : null,
          )}
        </ul>
        <dl className="grid gap-2 sm:grid-cols-2">
          <Figures label="Run time (finished jobs)" s={o.runTime} />
          <Figures label="Queue wait (started jobs)" s={o.queueWait} />
        </dl>
        {o.queued.count > 0 && (
          <p data-testid="still-queued">
            {formatCount(o.queued.count)} {o.queued.count === 1 ? 'job is' : 'jobs are'} still queued
            {o.queued.longest !== null ? `, the longest for ${o.queued.longest < 1 ? '< 1 s' : formatDuration(o.queued.longest)}` : ''}.
          </p>
        )}
        {o.unread > 0 && <p className="text-xs text-slate-600 dark:text-slate-400">{formatCount(o.unread)} jobs’ details are not read yet and are not in these figures.</p>}
        <div className="flex flex-wrap items-center gap-2">
          <span>
            {o.stuck.length === 0
              ? 'No job looks stuck.'
              : `${o.stuck.length} stuck: executing beyond their execution duration, or queued longer than ${stuckQueuedMinutes ?? 60} min.`}
          </span>
          {(o.stuck.length > 0 || stuckFilterOn) && (
            <Button size="sm" onClick={() => onShowStuck(!stuckFilterOn)}>
              {stuckFilterOn ? 'Show all jobs' : 'Show only stuck jobs'}
            </Button>
          )}
        </div>
        <Timeline rows={rows} now={now} />
      </div>
    </details>
  );
}
