import { Link } from 'react-router';
import { PhaseBadge } from '../../components/phase-badge';
import { RelativeTime } from '../../components/relative-time';
import { formatDuration, formatUtc } from '../../lib/format';
import { forgetJob } from '../../lib/local-jobs';
import { jobPath } from '../../lib/routes';
import { columnValue } from './columns';
import type { JobRow } from './rows';

const muted = 'text-slate-500 dark:text-slate-400';

/** What a cell shows while the job's document is not read. */
function Unknown({ row }: { row: JobRow }) {
  if (row.detail === 'loading') return <span className={`text-xs ${muted}`}>loading…</span>;
  return <span className={muted}>—</span>;
}

function Time({ date, row, detail }: { date: Date | null; row: JobRow; detail: boolean }) {
  if (date) return <RelativeTime date={date} />;
  return detail && row.detail !== 'held' ? <Unknown row={row} /> : <span className={muted}>—</span>;
}

function Duration({ seconds, row, title }: { seconds: number | null; row: JobRow; title?: string }) {
  if (seconds === null) return row.detail !== 'held' ? <Unknown row={row} /> : <span className={muted}>—</span>;
  return (
    <span className="tabular-nums" title={title}>
      {seconds < 1 ? '< 1 s' : formatDuration(seconds)}
    </span>
  );
}

/** The first line of a text, the whole text on hover. */
function FirstLine({ text, mono }: { text: string; mono?: boolean }) {
  const first = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return (
    <bdi className={`block truncate ${mono ? 'font-mono text-xs' : ''}`} title={text}>
      {first}
    </bdi>
  );
}

export function JobCell({ column, row, now }: { column: string; row: JobRow; now: number }) {
  switch (column) {
    case 'job':
      return (
        <span className="flex min-w-0 items-center font-mono">
          <Link className="truncate text-blue-800 underline-offset-2 hover:underline dark:text-blue-300" to={jobPath(row.service.tapUrl, row.jobUrl)} title={row.jobId}>
            <bdi>{row.jobId}</bdi>
          </Link>
          {row.local && (
            <span className={`ml-1.5 shrink-0 font-sans text-[11px] ${muted}`} title="Created from this browser">
              (mine)
            </span>
          )}
        </span>
      );
    case 'phase':
      if (row.gone)
        return (
          <span className="flex items-center gap-1">
            <PhaseBadge phase="GONE" />
            <button type="button" className="rounded px-1 text-xs text-blue-800 underline dark:text-blue-300" onClick={() => forgetJob(row.jobUrl)}>
              Forget<span className="sr-only"> job {row.jobId}</span>
            </button>
          </span>
        );
      return row.phase ? <PhaseBadge phase={row.phase} /> : <Unknown row={{ ...row, detail: 'loading' }} />;
    case 'query':
      return row.query ? <FirstLine text={row.query} mono /> : row.detail === 'held' ? <span className={muted}>—</span> : <Unknown row={row} />;
    case 'service':
      return (
        <bdi className="block truncate" title={row.service.tapUrl}>
          {row.service.label}
        </bdi>
      );
    case 'owner':
      return row.ownerId ? <FirstLine text={row.ownerId} /> : <span className={muted}>—</span>;
    case 'runId':
      return row.runId ? <FirstLine text={row.runId} /> : <span className={muted}>—</span>;
    case 'created':
      return <Time date={row.creationTime} row={row} detail={false} />;
    case 'started':
      return <Time date={row.startTime} row={row} detail />;
    case 'ended':
      return <Time date={row.endTime} row={row} detail />;
    case 'queueWait':
      return <Duration seconds={columnValue('queueWait', row, now) as number | null} row={row} title={row.phase === 'QUEUED' ? 'Still queued' : undefined} />;
    case 'runTime':
      return <Duration seconds={columnValue('runTime', row, now) as number | null} row={row} title={row.phase === 'EXECUTING' ? 'Still running' : undefined} />;
    case 'executionDuration':
      return row.detail === 'held' ? <span className="tabular-nums">{formatDuration(row.executionDuration)}</span> : <Unknown row={row} />;
    case 'destruction':
      if (!row.destruction) return row.detail === 'held' ? <span className={muted}>none</span> : <Unknown row={row} />;
      return (
        <time dateTime={row.destruction.toISOString()} title={formatUtc(row.destruction)}>
          {row.destruction.getTime() <= now ? 'due now' : `in ${formatDuration((row.destruction.getTime() - now) / 1000)}`}
        </time>
      );
    case 'error':
      return row.errorSummary ? (
        <span className="block min-w-0 text-red-800 dark:text-red-300">
          <FirstLine text={row.errorSummary} />
        </span>
      ) : row.detail === 'held' ? (
        <span className={muted}>—</span>
      ) : (
        <Unknown row={row} />
      );
    case 'results':
      return row.resultCount !== null ? <span className="tabular-nums">{row.resultCount}</span> : <Unknown row={row} />;
    default:
      return null;
  }
}
