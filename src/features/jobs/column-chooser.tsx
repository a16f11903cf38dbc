import { COLUMNS } from './columns';

/** Show or hide the list's columns. */
export function ColumnChooser({ hidden, onChange, showService }: { hidden: readonly string[]; onChange: (id: string, shown: boolean) => void; showService: boolean }) {
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 select-none dark:border-slate-600">Columns</summary>
      <fieldset className="absolute right-0 z-20 mt-1 w-56 space-y-0.5 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <legend className="sr-only">Columns shown</legend>
        {COLUMNS.filter((c) => showService || c.id !== 'service').map((c) => (
          <label key={c.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              aria-label={`Show the ${c.label.toLowerCase()} column`}
              checked={!hidden.includes(c.id)}
              disabled={c.id === 'job'}
              onChange={(e) => onChange(c.id, e.target.checked)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
