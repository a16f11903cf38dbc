/** The job options of the submit form: language, format, row limit, run id, limits, and whether to run at once. */
import { useFormContext, useWatch } from 'react-hook-form';
import { inputClass } from '../../components/form';
import { UTC_INPUT_FORMAT } from '../../lib/format';
import type { TapCapabilities } from '../../protocol/tap';
import { describedBy, Field, limitText } from './field';
import { formatChoices, languageChoices } from './output-formats';
import type { SubmitFormValues } from './submit-form';

export interface OptionsFieldsProps {
  id: string;
  caps: TapCapabilities | undefined;
  capsPending: boolean;
  /** The format sent: the one chosen, else the service's preferred one. */
  chosenFormat: string;
}

export function OptionsFields({ id, caps, capsPending, chosenFormat }: OptionsFieldsProps) {
  const { register, setValue, control, formState } = useFormContext<SubmitFormValues>();
  const [lang, format, run, maxrec, duration] = useWatch({ control, name: ['lang', 'format', 'run', 'maxrec', 'executionDuration'] });
  // Above a hard limit the service caps the value; say so before submitting.
  const over = (value: string, hard: number | null | undefined) => /^\d+$/.test(value.trim()) && hard !== null && hard !== undefined && hard > 0 && Number(value) > hard;
  const maxrecOver = over(maxrec, caps?.maxRec.hard);
  const durationOver = over(duration, caps?.executionDuration.hard) || (duration.trim() === '0' && !!caps?.executionDuration.hard);
  const formats = formatChoices(caps);
  const languages = languageChoices(caps);
  const problem = (key: 'maxrec' | 'executionDuration' | 'destruction') => formState.errors[key]?.message;
  const numeric = { shouldValidate: true, shouldDirty: true } as const;

  return (
    <>
      <Field id={`${id}-lang`} label="Language (LANG)">
        <select id={`${id}-lang`} className={inputClass} {...register('lang')}>
          {(languages.includes(lang) ? languages : [lang, ...languages]).map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={`${id}-format`}
        label="Output format"
        hint={capsPending ? 'Reading the service’s formats…' : formats.length === 0 ? 'The service’s default format.' : undefined}
      >
        <select
          id={`${id}-format`}
          className={inputClass}
          value={chosenFormat}
          onChange={(e) => setValue('format', e.target.value, numeric)}
          aria-describedby={`${id}-format-hint`}
        >
          <option value="">Service default</option>
          {formats.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
          {format && !formats.some((f) => f.value === format) && <option value={format}>{format}</option>}
        </select>
      </Field>
      <Field
        id={`${id}-maxrec`}
        label="Row limit (MAXREC)"
        problem={problem('maxrec')}
        hint={
          <>
            {limitText(caps?.maxRec, 'rows') ?? 'Empty: the service default.'}
            {maxrecOver && <strong className="block font-medium text-amber-800 dark:text-amber-300">Above the service’s hard limit: it returns at most {caps?.maxRec.hard?.toLocaleString('en')} rows.</strong>}
          </>
        }
      >
        <input
          id={`${id}-maxrec`}
          className={`${inputClass} tabular-nums`}
          inputMode="numeric"
          {...register('maxrec')}
          aria-invalid={problem('maxrec') ? true : undefined}
          aria-describedby={describedBy(`${id}-maxrec`, !!problem('maxrec'))}
        />
      </Field>
      <Field id={`${id}-runid`} label="Run id (RUNID)" hint="Your own label for the job, shown in job lists.">
        <input id={`${id}-runid`} className={inputClass} {...register('runId')} aria-describedby={`${id}-runid-hint`} />
      </Field>
      <Field
        id={`${id}-duration`}
        label="Execution duration (s)"
        problem={problem('executionDuration')}
        hint={
          <>
            {limitText(caps?.executionDuration, 'seconds') ?? 'Empty: the service default. 0 = unlimited.'}
            {durationOver && <strong className="block font-medium text-amber-800 dark:text-amber-300">Above the service’s limit: it will cut the duration to {caps?.executionDuration.hard} s.</strong>}
          </>
        }
      >
        <input
          id={`${id}-duration`}
          className={`${inputClass} tabular-nums`}
          inputMode="numeric"
          {...register('executionDuration')}
          aria-invalid={problem('executionDuration') ? true : undefined}
          aria-describedby={describedBy(`${id}-duration`, !!problem('executionDuration'))}
        />
      </Field>
      <Field
        id={`${id}-destruction`}
        label="Destruction (UTC)"
        problem={problem('destruction')}
        hint={limitText(caps?.retentionPeriod, 'span', ' keeps jobs') ?? 'Empty: the service default.'}
      >
        <input
          id={`${id}-destruction`}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={UTC_INPUT_FORMAT}
          className={`${inputClass} w-[11.5rem] font-mono tabular-nums`}
          {...register('destruction')}
          aria-invalid={problem('destruction') ? true : undefined}
          aria-describedby={describedBy(`${id}-destruction`, !!problem('destruction'))}
        />
      </Field>
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">When created</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${id}-run`} checked={run} onChange={() => setValue('run', true, numeric)} />
          Run at once
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${id}-run`} checked={!run} onChange={() => setValue('run', false, numeric)} />
          Leave it PENDING (run it later)
        </label>
      </fieldset>
    </>
  );
}
