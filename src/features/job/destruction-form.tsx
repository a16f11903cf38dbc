import { useId, useState, type FormEvent } from 'react';
import { useSetDestruction } from '../../api';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob } from '../../protocol/uws/types';
import { buttonClass } from '../../components/button';
import { UtcDateTimeInput } from '../../components/utc-date-time-input';
import { chipButton } from './styles';
import { destructionOutcome, type Outcome } from './change-outcome';
import { ErrorMessage } from '../../components/error-message';
import { actionsFor, whyNot } from './phases';
import { OutcomeLine } from './outcome-line';
import { useServiceLimits } from './service-limits';
import { fromUtcInputValue, toUtcInputValue } from '../../lib/format';

const DAY_MS = 24 * 60 * 60 * 1000;
const QUICK_DAYS = [1, 7, 30];

/** The later of the current destruction time and now: delays count from there. */
export function delayBase(job: UwsJob, now: number): Date {
  return job.destruction && job.destruction.getTime() > now ? job.destruction : new Date(now);
}

export function DestructionForm({ service, job, jobUrl }: { service: ServiceConfig; job: UwsJob; jobUrl: string }) {
  const id = useId();
  const [value, setValue] = useState(() => toUtcInputValue(delayBase(job, Date.now())));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mutation = useSetDestruction(service);
  const { maxRetention } = useServiceLimits(service);
  const allowed = actionsFor(job.phase).changeDestruction;
  const parsed = fromUtcInputValue(value);

  const send = (destruction: Date) => {
    setOutcome(null);
    mutation.mutate(
      { jobUrl, destruction },
      {
        onSuccess: (held) => {
          setOutcome(destructionOutcome(destruction, held, maxRetention));
          if (held.destruction) setValue(toUtcInputValue(held.destruction));
        },
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed) send(parsed);
  };

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-h`} className="space-y-2">
      <h3 id={`${id}-h`} className="text-sm font-semibold">
        Delay destruction
      </h3>
      {!allowed && <p className="text-xs text-slate-600 dark:text-slate-400">{whyNot('changeDestruction', job.phase)}</p>}
      <div className="flex flex-wrap gap-1" role="group" aria-label="Delay destruction by">
        {QUICK_DAYS.map((days) => (
          <button
            key={days}
            type="button"
            className={chipButton}
            disabled={!allowed || mutation.isPending}
            onClick={() => {
              const target = new Date(delayBase(job, Date.now()).getTime() + days * DAY_MS);
              setValue(toUtcInputValue(target));
              send(target);
            }}
          >
            +{days} {days === 1 ? 'day' : 'days'}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs text-slate-700 dark:text-slate-300">
          Destruction (UTC)
          <UtcDateTimeInput value={value} onChange={setValue} disabled={!allowed} />
        </label>
        <button type="submit" className={buttonClass('secondary', 'sm')} disabled={!allowed || parsed === null || mutation.isPending}>
          {mutation.isPending ? 'Setting…' : 'Set destruction'}
        </button>
      </div>
      {mutation.isError && <ErrorMessage error={mutation.error} service={service} context="The server did not change the destruction time" className="mt-2" />}
      <OutcomeLine outcome={outcome} />
    </form>
  );
}
