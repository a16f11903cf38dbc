import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { TextInput } from '../../components/form';
import { UtcDateTimeInput } from '../../components/utc-date-time-input';
import { fromUtcInputValue, toUtcInputValue } from '../../lib/format';
import { phaseLabel } from '../../components/phase-badge';
import type { JobListFilters } from '../../lib/routes';
import { CommitInput } from './commit-input';
import { DEFAULT_STUCK_QUEUED_MINUTES } from './rows';
import { EXECUTION_PHASES, type ExecutionPhase } from '../../protocol/uws/types';

export interface FilterBarProps {
  filters: JobListFilters;
  onChange: (filters: JobListFilters, options?: { replace?: boolean }) => void;
}

/** A filter time as its field shows it: YYYY-MM-DD HH:MM, with seconds only when the URL has some. */
function toInput(date: Date | undefined): string {
  if (!date) return '';
  const seconds = date.getUTCSeconds();
  return seconds ? `${toUtcInputValue(date)}:${String(seconds).padStart(2, '0')}` : toUtcInputValue(date);
}

/**
 * A UTC time filter. What is typed stays in the field; the URL changes only when the
 * field holds a real time (or is emptied), so a half-typed time neither filters nor is lost.
 */
function TimeFilter({ id, value, onCommit }: { id: string; value: Date | undefined; onCommit: (date: Date | undefined) => void }) {
  const [text, setText] = useState(() => toInput(value));
  const [seen, setSeen] = useState(value?.getTime());
  // Follow the URL when it changes from outside (back button, link, Clear).
  if (seen !== value?.getTime()) {
    setSeen(value?.getTime());
    const typed = text.trim() === '' ? undefined : fromUtcInputValue(text)?.getTime();
    if (typed !== value?.getTime()) setText(toInput(value));
  }
  return (
    <UtcDateTimeInput
      id={id}
      optional
      value={text}
      onChange={(next) => {
        setText(next);
        if (next.trim() === '') {
          if (value) onCommit(undefined);
          return;
        }
        const date = fromUtcInputValue(next);
        if (date && date.getTime() !== value?.getTime()) onCommit(date);
      }}
    />
  );
}

export function FilterBar({ filters, onChange }: FilterBarProps) {
  const [q, setQ] = useState(filters.q ?? '');
  const [last, setLast] = useState(filters.last ? String(filters.last) : '');
  const ids = { q: useId(), after: useId(), before: useId(), last: useId(), phases: useId() };
  // The boxes answer the click at once; the URL (and the list) follow.
  const [phaseList, setPhaseList] = useState<readonly ExecutionPhase[]>(filters.phases ?? []);
  const phases = new Set(phaseList);
  const [stuck, setStuck] = useState(!!filters.stuck);

  // The values of q this box has put in the URL and not yet seen come back.
  // The URL lags behind the box (a long list takes time to render), so one of
  // them arriving says nothing about what the user has typed since.
  const [sent, setSent] = useState<readonly string[]>([]);

  // Follow the URL when it changes from outside (back button, link).
  const [seen, setSeen] = useState({ q: filters.q, last: filters.last, phases: filters.phases, stuck: filters.stuck });
  if (seen.q !== filters.q || seen.last !== filters.last || seen.phases !== filters.phases || seen.stuck !== filters.stuck) {
    setSeen({ q: filters.q, last: filters.last, phases: filters.phases, stuck: filters.stuck });
    if (seen.stuck !== filters.stuck) setStuck(!!filters.stuck);
    if (seen.phases !== filters.phases) setPhaseList(filters.phases ?? []);
    if (seen.q !== filters.q) {
      const fromUrl = filters.q ?? '';
      if (fromUrl === q.trim()) setSent([]);
      else if (!sent.includes(fromUrl)) {
        setQ(fromUrl);
        setSent([]);
      }
    }
    if (filters.last !== seen.last) setLast(filters.last ? String(filters.last) : '');
  }

  // The search text this box last put in a URL: a change of filters on its way (Clear) is not undone by a search for the same text.
  const asked = useRef<string | null>(null);

  // Search as the user types, without flooding the history.
  useEffect(() => {
    const value = q.trim();
    if ((filters.q ?? '') === value) {
      // The URL has caught up with the box.
      asked.current = null;
      return;
    }
    if (asked.current === value) return;
    const t = setTimeout(() => {
      asked.current = value;
      setSent((s) => [...s.slice(-20), value]);
      onChange({ ...filters, q: value || undefined }, { replace: true });
    }, 250);
    return () => clearTimeout(t);
  }, [q, filters, onChange]);

  const setPhase = (p: ExecutionPhase, on: boolean) => {
    const next = EXECUTION_PHASES.filter((x) => (x === p ? on : phases.has(x)));
    setPhaseList(next);
    onChange({ ...filters, phases: next });
  };

  const commitLast = () => {
    const n = Number(last);
    const value = last.trim() && Number.isInteger(n) && n > 0 ? n : undefined;
    if (value !== filters.last) onChange({ ...filters, last: value });
  };

  // On a narrow screen the secondary filters start folded away unless one of them is set.
  const [wide] = useState(() => typeof matchMedia !== 'function' || matchMedia('(min-width: 48rem)').matches);
  const moreOpen = wide || !!filters.after || !!filters.before || !!filters.last || !!filters.owner || !!filters.runId || !!filters.stuck || undefined;
  const active =
    phases.size > 0 || !!filters.after || !!filters.before || !!filters.last || !!filters.q || !!filters.owner || !!filters.runId || !!filters.stuck;

  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-2 dark:border-slate-700 dark:bg-slate-900">
      <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <legend className="sr-only">Phase</legend>
        <span aria-hidden="true" className="text-sm font-medium">
          Phase
        </span>
        {EXECUTION_PHASES.map((p) => (
          <label key={p} className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={phases.has(p)} onChange={(e) => setPhase(p, e.target.checked)} />
            {phaseLabel(p)}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-0.5">
          <label htmlFor={ids.q} className="text-xs font-medium">
            Search id, run id or query
          </label>
          <TextInput id={ids.q} type="search" title="Also searches owner and error summary" value={q} onChange={(e) => setQ(e.target.value)} className="w-64" />
        </div>
        <details className="basis-full" open={moreOpen}>
          <summary className="cursor-pointer text-sm font-medium">More filters: time window, owner, run id, stuck jobs</summary>
          <div className="mt-2 flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-0.5">
            <label htmlFor={ids.after} className="text-xs font-medium">
              Created after (UTC)
            </label>
            <TimeFilter id={ids.after} value={filters.after} onCommit={(date) => onChange({ ...filters, after: date })} />
          </div>
          <form
            className="flex flex-col gap-0.5"
            onSubmit={(e) => {
              e.preventDefault();
              commitLast();
            }}
          >
            <label htmlFor={ids.last} className="text-xs font-medium">
              Only the last
            </label>
            <TextInput
              id={ids.last}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              placeholder="all"
              value={last}
              onChange={(e) => setLast(e.target.value)}
              onBlur={commitLast}
              className="w-24"
            />
          </form>
          <div className="flex flex-col gap-0.5">
            <label htmlFor={ids.before} className="text-xs font-medium">
              Created before (UTC)
            </label>
            <TimeFilter id={ids.before} value={filters.before} onCommit={(date) => onChange({ ...filters, before: date })} />
          </div>
          <CommitInput label="Owner" value={filters.owner ?? ''} onCommit={(v) => onChange({ ...filters, owner: v || undefined })} className="w-32" />
          <CommitInput label="Run id" value={filters.runId ?? ''} onCommit={(v) => onChange({ ...filters, runId: v || undefined })} className="w-32" />
          <fieldset className="flex flex-col gap-0.5">
            <legend className="text-xs font-medium">Stuck jobs</legend>
            <div className="flex items-center gap-2 text-sm">
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={stuck}
                  onChange={(e) => {
                    setStuck(e.target.checked);
                    onChange({ ...filters, stuck: e.target.checked || undefined });
                  }}
                />
                Only stuck
              </label>
              <label className="flex items-center gap-1" title="A job executing beyond its execution duration is stuck too">
                queued over
                <TextInput
                  type="number"
                  min={1}
                  step={1}
                  className="w-16 py-1"
                  aria-label="Queued longer than this many minutes counts as stuck"
                  value={filters.stuckQueuedMinutes ?? DEFAULT_STUCK_QUEUED_MINUTES}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n > 0) onChange({ ...filters, stuckQueuedMinutes: n === DEFAULT_STUCK_QUEUED_MINUTES ? undefined : n }, { replace: true });
                  }}
                />
                min
              </label>
            </div>
          </fieldset>
          </div>
        </details>
        {active && (
          <Button
            size="sm"
            variant="ghost"
            className="mb-1"
            onClick={() => {
              setQ('');
              asked.current = '';
              setSent([]);
              setLast('');
              setPhaseList([]);
              setStuck(false);
              onChange({ sort: filters.sort, stuckQueuedMinutes: filters.stuckQueuedMinutes });
            }}
          >
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
}
