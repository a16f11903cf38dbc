import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { TextInput } from '../../components/form';
import { formatCount } from '../../lib/format';
import type { VoField } from '../../protocol/votable/types';
import { AnalysisError, type AnalysisClient } from './analysis-client';

/** The row filter: a condition typed by the user, checked in the worker, with the spot of a mistake shown. */
export function FilterBox({ client, fields, onFilter }: { client: AnalysisClient | null; fields: readonly VoField[]; onFilter: (rows: Uint32Array | null) => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ rows: number | null; error: AnalysisError | null }>({ rows: null, error: null });
  const [busy, setBusy] = useState(false);
  const id = useId();
  const apply = async (expression: string) => {
    if (!client) return;
    setBusy(true);
    try {
      const answer = await client.ask({ op: 'filter', expression });
      setResult({ rows: answer.rows ? answer.rows.length : null, error: null });
      onFilter(answer.rows);
    } catch (error) {
      setResult({ rows: null, error: error instanceof AnalysisError ? error : new AnalysisError(String(error)) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(text);
  };
  const example = fields.find((f) => ['float', 'double', 'int', 'short', 'long'].includes(f.datatype))?.name ?? 'mag';
  return (
    <form onSubmit={submit} className="flex flex-col gap-1 text-sm" role="search" aria-label="Filter rows">
      <label htmlFor={id} className="font-medium">
        Keep rows where
      </label>
      <div className="flex flex-wrap gap-2">
        <TextInput
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={`${example} < 12 and … (and, or, not, is null)`}
          className="min-w-0 flex-1 font-mono"
          aria-invalid={result.error !== null}
          aria-describedby={`${id}-status`}
          spellCheck={false}
        />
        <Button type="submit" size="sm" disabled={!client || busy}>
          Filter
        </Button>
        {(text || result.rows !== null) && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setText('');
              void apply('');
            }}
          >
            Clear
          </Button>
        )}
      </div>
      <p id={`${id}-status`} className={result.error ? 'text-red-800 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'} aria-live="polite">
        {result.error
          ? result.error.message
          : result.rows !== null
            ? `${formatCount(result.rows)} rows pass the filter.`
            : 'Compare columns with numbers or quoted text; join conditions with and, or, not.'}
      </p>
      {result.error?.at !== undefined && (
        <pre className="overflow-x-auto text-xs text-red-800 dark:text-red-300" aria-hidden="true">
          {text}
          {'\n'}
          {' '.repeat(result.error.at)}^
        </pre>
      )}
    </form>
  );
}
