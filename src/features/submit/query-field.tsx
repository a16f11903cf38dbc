/** The query part of the submit form: the ADQL editor, with the service's examples and the recent queries to start from. */
import { useFormContext, useWatch } from 'react-hook-form';
import { inputClass } from '../../components/form';
import { errorClass, hintClass } from './field';
import type { ServiceExample } from './examples';
import { historyLabel, type HistoryEntry } from './query-history';
import { QueryEditor, type QueryEditorHandle, type QueryMark } from './query-editor';
import type { Ref } from 'react';
import type { TapFunction, TapSchema } from '../../protocol/tap';
import type { SubmitFormValues } from './submit-form';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function lineCount(text: string): string {
  const n = text.split('\n').length;
  return n === 1 ? '1 line' : `${n} lines`;
}

export interface QueryFieldProps {
  id: string;
  examples: ServiceExample[];
  history: HistoryEntry[];
  /** Shown once a submit was tried. */
  problem: string | undefined;
  /** Replace the query by a picked history entry. */
  onReplace: (query: string) => void;
  /** Start from an example: its query and the options it needs. */
  onPickExample: (example: ServiceExample) => void;
  /** Reading the examples failed (not: the service has none). */
  examplesFailed: boolean;
  examplesRetrying: boolean;
  onRetryExamples: () => void;
  /** Ctrl/Cmd+Enter in the editor. */
  onSubmitShortcut: () => void;
  schemas: readonly TapSchema[];
  functions: readonly TapFunction[];
  mark: QueryMark | null;
  editorRef: Ref<QueryEditorHandle | null>;
}

export function QueryField({ id, examples, history, problem, onReplace, onPickExample, examplesFailed, examplesRetrying, onRetryExamples, onSubmitShortcut, schemas, functions, mark, editorRef }: QueryFieldProps) {
  const { control, setValue } = useFormContext<SubmitFormValues>();
  const query = useWatch({ control, name: 'query' });
  // What the service says about the example in the editor, while it is unchanged.
  const example = examples.find((x) => x.query === query);
  const editorId = `${id}-query`;
  const pick = (entries: readonly { query: string }[], index: string) => {
    const entry = entries[Number(index)];
    if (entry) onReplace(entry.query);
  };
  const pickExample = (index: string) => {
    const entry = examples[Number(index)];
    if (entry) onPickExample(entry);
  };

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={editorId} id={`${editorId}-label`} className="text-sm font-medium">
          ADQL query
        </label>
        <div className="flex flex-wrap items-center gap-3">
          {examples.length > 0 && (
            <label className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
              Examples
              <select className={`${inputClass} max-w-[22rem] py-1 text-xs`} value="" onChange={(e) => pickExample(e.target.value)}>
                <option value="">Start from one of the service’s examples…</option>
                {examples.map((x, i) => (
                  <option key={`${x.name}-${i}`} value={i} title={x.query}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {examplesFailed && (
            <p role="status" className="flex items-center gap-2 text-xs text-amber-800 dark:text-amber-300">
              The service’s examples could not be read.
              <button type="button" className="underline underline-offset-2" onClick={onRetryExamples} disabled={examplesRetrying}>
                {examplesRetrying ? 'Trying again…' : 'Try again'}
              </button>
            </p>
          )}
          {history.length > 0 && (
            <label className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
              Recent queries
              <select className={`${inputClass} max-w-[28rem] py-1 text-xs`} value="" onChange={(e) => pick(history, e.target.value)}>
                <option value="">Choose one to edit…</option>
                {history.map((h, i) => (
                  <option key={`${h.at}-${i}`} value={i} title={h.query}>
                    {historyLabel(h)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>
      {example?.description && (
        <p id={`${id}-example`} className={hintClass} data-testid="example-description">
          <span className="font-medium">{example.name}:</span> {example.description}
        </p>
      )}
      <QueryEditor
        id={editorId}
        value={query}
        onChange={(text) => setValue('query', text, { shouldValidate: !!problem, shouldDirty: true })}
        onSubmitShortcut={onSubmitShortcut}
        invalid={!!problem}
        describedBy={`${problem ? `${editorId}-problem` : `${editorId}-hint`}${example?.description ? ` ${id}-example` : ''}`}
        schemas={schemas}
        functions={functions}
        mark={mark}
        handleRef={editorRef}
        placeholder={examples.length > 0 ? 'SELECT … FROM …  (or start from one of the examples above)' : 'SELECT TOP 10 * FROM schema.table'}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
        {problem ? (
          <span id={`${editorId}-problem`} className={errorClass}>
            {problem}
          </span>
        ) : (
          <span id={`${editorId}-hint`}>{isMac ? '⌘' : 'Ctrl'}+Enter submits. The draft is kept while you type.</span>
        )}
        <span className="tabular-nums">
          {lineCount(query)} · {query.length} characters
        </span>
      </div>
    </>
  );
}
