import { useId } from 'react';
import { TextInput } from '../../components/form';
import { phaseLabel } from '../../components/phase-badge';
import { UtcDateTimeInput } from '../../components/utc-date-time-input';
import { toUtcInputValue } from '../../lib/format';
import type { JobRow } from './rows';

export type ExtendChoice = { kind: 'add'; days: string } | { kind: 'atLeast'; date: string };

/** How to extend destruction: N days more for each job, or until at least a date. */
export function ExtendOptions({ value, onChange, error }: { value: ExtendChoice; onChange: (v: ExtendChoice) => void; error: string | null }) {
  const id = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm">Keep the jobs and their results longer. No job’s destruction is moved earlier.</legend>
      <label className="flex flex-wrap items-center gap-2 text-sm">
        <input type="radio" name={`${id}-mode`} checked={value.kind === 'add'} onChange={() => onChange({ kind: 'add', days: '7' })} />
        Add
        <TextInput
          type="number"
          min={1}
          step={1}
          className="w-20 py-1"
          aria-label="Days to add"
          disabled={value.kind !== 'add'}
          value={value.kind === 'add' ? value.days : ''}
          onChange={(e) => onChange({ kind: 'add', days: e.target.value })}
        />
        days to each job’s own destruction time
      </label>
      <label className="flex flex-wrap items-center gap-2 text-sm">
        <input
          type="radio"
          name={`${id}-mode`}
          checked={value.kind === 'atLeast'}
          onChange={() => onChange({ kind: 'atLeast', date: `${toUtcInputValue(new Date(Date.now() + 30 * 86_400_000)).slice(0, 10)} 23:59` })}
        />
        Keep until at least
        <UtcDateTimeInput
          className="py-1"
          aria-label="Keep until at least (UTC)"
          disabled={value.kind !== 'atLeast'}
          optional={value.kind !== 'atLeast'}
          describeProblem={false}
          value={value.kind === 'atLeast' ? value.date : ''}
          onChange={(date) => onChange({ kind: 'atLeast', date })}
        />
        UTC
      </label>
      <p className="pl-6 text-xs text-slate-600 dark:text-slate-400">Jobs already kept longer are skipped, and their dates left alone.</p>
      {error && <p className="text-xs text-red-700 dark:text-red-300">{error}</p>}
      <p className="text-xs text-slate-600 dark:text-slate-400">Services may cap the date; each job’s outcome shows what the service set.</p>
    </fieldset>
  );
}

/** The jobs an action will touch: id, run id, phase, service and the start of the query. */
export function TargetList({ rows, showService }: { rows: JobRow[]; showService: boolean }) {
  return (
    // A scrolling list is a tab stop of its own, so it can be scrolled from the keyboard.
    <div tabIndex={0} role="region" aria-label="Jobs this action touches" className="max-h-48 overflow-auto rounded border border-slate-200 dark:border-slate-700">
      <table className="w-full text-left text-xs">
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
          <tr>
            <th className="px-2 py-1 font-medium">Job</th>
            <th className="px-2 py-1 font-medium">Run id</th>
            <th className="px-2 py-1 font-medium">Phase</th>
            {showService && <th className="px-2 py-1 font-medium">Service</th>}
            <th className="px-2 py-1 font-medium">Query</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-slate-100 dark:border-slate-800">
              <td className="max-w-32 truncate px-2 py-0.5 font-mono">
                <bdi>{r.jobId}</bdi>
              </td>
              <td className="max-w-28 truncate px-2 py-0.5">
                <bdi>{r.runId ?? '—'}</bdi>
              </td>
              <td className="px-2 py-0.5">{r.gone ? 'Gone' : r.phase ? phaseLabel(r.phase) : '?'}</td>
              {showService && <td className="max-w-28 truncate px-2 py-0.5">
                  <bdi>{r.service.label}</bdi>
                </td>}
              <td className="max-w-56 truncate px-2 py-0.5 font-mono" title={r.query ?? undefined}>
                <bdi>{r.query ? r.query.trim().split(/\r?\n/, 1)[0]!.slice(0, 80) : '—'}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
