import { forwardRef, useId, type InputHTMLAttributes } from 'react';
import { cn } from '../lib/cn';
import { fromUtcInputValue, UTC_INPUT_FORMAT } from '../lib/format';
import { inputClass } from './form';

export interface UtcDateTimeInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** An empty field is fine (the caller then uses a default). */
  optional?: boolean;
  /** Say below the field how to write it when it is wrong; off where the form words its own problems. */
  describeProblem?: boolean;
}

/**
 * A UTC date and time typed as `YYYY-MM-DD HH:MM`, the format every screen shows, instead of a
 * datetime-local field, which browsers display in their own locale's format (often a 12-hour
 * US one) while the value is meant as UTC. A value that is not a real time is marked invalid
 * and says how to write it.
 */
export const UtcDateTimeInput = forwardRef<HTMLInputElement, UtcDateTimeInputProps>(function UtcDateTimeInput(
  { value, onChange, optional = false, describeProblem = true, className, 'aria-describedby': describedBy, 'aria-invalid': ariaInvalid, ...rest },
  ref,
) {
  const problemId = useId();
  const wrong = value.trim() === '' ? !optional : fromUtcInputValue(value) === null;
  const said = wrong && describeProblem;
  return (
    <>
      <input
        ref={ref}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={UTC_INPUT_FORMAT}
        className={cn(inputClass, 'w-[11.5rem] font-mono tabular-nums', className)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={ariaInvalid ?? (wrong || undefined)}
        aria-describedby={[describedBy, said ? problemId : null].filter(Boolean).join(' ') || undefined}
        {...rest}
      />
      {said && (
        <span id={problemId} className="text-xs text-red-700 dark:text-red-300">
          Write it as {UTC_INPUT_FORMAT} (UTC), e.g. 2026-12-09 01:08.
        </span>
      )}
    </>
  );
});
