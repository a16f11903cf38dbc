/** What the Check button found: the columns the query would return, or the service's error and where it points. */
import { ErrorMessage } from '../../components/error-message';
import type { ServiceConfig } from '../../lib/services';
import type { CheckResult } from '../../protocol/tap';
import { hintClass } from './field';

export interface CheckResultViewProps {
  service: ServiceConfig;
  result: CheckResult | undefined;
  /** The query was changed since it was checked. */
  stale: boolean;
  error: unknown;
  onRetry: () => void;
}

export function CheckResultView({ service, result, stale, error, onRetry }: CheckResultViewProps) {
  if (error) return <ErrorMessage error={error} service={service} context="The query could not be checked" onRetry={onRetry} />;
  if (!result) return null;
  const staleNote = stale && <p className={hintClass}>The query was changed since this check.</p>;
  if (!result.ok) {
    return (
      <div role="status" data-testid="check-result" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm dark:border-red-800 dark:bg-red-950">
        <p className="font-medium text-red-800 dark:text-red-300">The service refused the query</p>
        <p className="mt-1 font-mono text-xs break-words whitespace-pre-wrap text-slate-900 dark:text-slate-100">{result.message}</p>
        {result.position && !stale && <p className={hintClass}>The spot it names is marked in the editor.</p>}
        {staleNote}
      </div>
    );
  }
  return (
    <div role="status" data-testid="check-result" className="rounded-md border border-emerald-300 bg-emerald-50 p-2 text-sm dark:border-emerald-800 dark:bg-emerald-950">
      <p className="font-medium text-emerald-900 dark:text-emerald-200">
        The service accepts the query. It would return {result.columns.length === 1 ? '1 column' : `${result.columns.length} columns`}:
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
        {result.columns.map((c, i) => (
          <li key={`${c.name}-${i}`}>
            <span className="font-mono font-medium">{c.name}</span>{' '}
            <span className="text-slate-700 dark:text-slate-300">
              {c.datatype}
              {c.unit && ` [${c.unit}]`}
            </span>
          </li>
        ))}
      </ul>
      {staleNote}
    </div>
  );
}
