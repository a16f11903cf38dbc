import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { resolveOpenJob } from '../lib/open-job';
import { jobPath } from '../lib/routes';
import { Button } from './button';
import { TextInput } from './form';

/** "Open a job" by its number (on the current service) or by its URL. */
export function OpenJobForm({ currentTapUrl, compact = false }: { currentTapUrl: string | null; compact?: boolean }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const id = useId();
  return (
    <form
      role="search"
      aria-label="Open a job"
      className="flex flex-wrap items-start gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        try {
          const target = resolveOpenJob(value, currentTapUrl);
          setError(null);
          void navigate(jobPath(target.tapUrl, target.jobUrl));
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <label htmlFor={id} className={compact ? 'sr-only' : 'w-full text-sm font-medium'}>
        Open a job by number or URL
      </label>
      <TextInput
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={compact ? 'Job number or URL' : 'e.g. 1234567 or http://…/async/1234567'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={compact ? 'w-48' : 'min-w-0 flex-1'}
      />
      <Button type="submit" size={compact ? 'sm' : 'md'} className={compact ? 'py-1.5' : ''}>
        Open
      </Button>
      {error && (
        <p id={`${id}-error`} className="w-full text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
