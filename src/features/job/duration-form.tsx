import { useId, useState, type FormEvent } from 'react';
import { useSetExecutionDuration } from '../../api';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob } from '../../protocol/uws/types';
import { buttonClass } from '../../components/button';
import { inputClass } from '../../components/form';
import { chipButton } from './styles';
import { durationOutcome, type Outcome } from './change-outcome';
import { ErrorMessage } from '../../components/error-message';
import { actionsFor, whyNot } from './phases';
import { OutcomeLine } from './outcome-line';
import { useServiceLimits } from './service-limits';
import { formatExecutionDuration, formatSpan } from '../../lib/format';
import { cn } from '../../lib/cn';

const QUICK: { label: string; seconds: number }[] = [
  { label: '1 min', seconds: 60 },
  { label: '10 min', seconds: 600 },
  { label: '1 h', seconds: 3600 },
  { label: '8 h', seconds: 28_800 },
];

/** The quick choices a service with this limit accepts: those below it, then the limit itself (or unlimited). */
export function quickDurations(maxDuration: number | null): { label: string; seconds: number }[] {
  if (maxDuration === null) return [...QUICK, { label: 'Unlimited', seconds: 0 }];
  return [...QUICK.filter((q) => q.seconds < maxDuration), { label: `Maximum (${formatSpan(maxDuration)})`, seconds: maxDuration }];
}

export function DurationForm({ service, job, jobUrl }: { service: ServiceConfig; job: UwsJob; jobUrl: string }) {
  const id = useId();
  const [value, setValue] = useState(() => String(job.executionDuration ?? 3600));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mutation = useSetExecutionDuration(service);
  const { maxDuration } = useServiceLimits(service);
  const allowed = actionsFor(job.phase).changeDuration;
  const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;

  const send = (seconds: number) => {
    setOutcome(null);
    mutation.mutate(
      { jobUrl, seconds },
      {
        onSuccess: (held) => {
          setOutcome(durationOutcome(seconds, held, maxDuration));
          if (held.executionDuration !== null) setValue(String(held.executionDuration));
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed !== null) send(parsed);
  };

  if (!allowed && !outcome) {
    return (
      <div className="space-y-1">
        <h3 className="text-sm font-semibold">Execution duration</h3>
        <p className="text-xs text-slate-600 dark:text-slate-400">{whyNot('changeDuration', job.phase)}</p>
      </div>
    );
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-h`} className="space-y-2">
      <h3 id={`${id}-h`} className="text-sm font-semibold">
        Change execution duration
      </h3>
      {!allowed && <p className="text-xs text-slate-600 dark:text-slate-400">{whyNot('changeDuration', job.phase)}</p>}
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs text-slate-700 dark:text-slate-300">
          Seconds (0 = unlimited)
          <input
            className={cn(inputClass, 'w-32 tabular-nums')}
            inputMode="numeric"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            disabled={!allowed}
            aria-invalid={parsed === null}
            aria-describedby={parsed === null ? `${id}-err` : maxDuration !== null ? `${id}-max` : undefined}
          />
        </label>
        <button type="submit" className={buttonClass('secondary', 'sm')} disabled={!allowed || parsed === null || mutation.isPending}>
          {mutation.isPending ? 'Setting…' : 'Set duration'}
        </button>
      </div>
      {parsed === null ? (
        <p id={`${id}-err`} className="text-xs text-red-700 dark:text-red-400">
          Enter a whole number of seconds.
        </p>
      ) : (
        maxDuration !== null && (
          <p id={`${id}-max`} className="text-xs text-slate-600 dark:text-slate-400">
            The service allows at most {formatExecutionDuration(maxDuration)}.
          </p>
        )
      )}
      <div className="flex flex-wrap gap-1" role="group" aria-label="Quick execution durations">
        {quickDurations(maxDuration).map((q) => (
          <button
            key={q.label}
            type="button"
            className={chipButton}
            disabled={!allowed || mutation.isPending}
            onClick={() => {
              setValue(String(q.seconds));
              send(q.seconds);
            }}
          >
            {q.label}
          </button>
        ))}
      </div>
      {mutation.isError && <ErrorMessage error={mutation.error} service={service} context="The server did not change the execution duration" className="mt-2" />}
      <OutcomeLine outcome={outcome} />
    </form>
  );
}
