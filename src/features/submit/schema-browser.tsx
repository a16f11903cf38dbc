/**
 * The service's schemas, tables and columns beside the editor: searchable by
 * name, description and UCD, virtualized for services with tens of thousands
 * of tables. Clicking a name, or Enter on it, inserts it at the cursor.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { inputClass } from '../../components/form';
import type { ServiceConfig } from '../../lib/services';
import type { TapSchema } from '../../protocol/tap';
import { hintClass } from './field';
import { insertionFor, schemaRows, type SchemaRow } from './schema-rows';

export interface SchemaBrowserProps {
  id: string;
  service: ServiceConfig;
  schemas: readonly TapSchema[];
  status: 'pending' | 'error' | 'success';
  error: unknown;
  onRetry: () => void;
  loadingTables: ReadonlySet<string>;
  open: ReadonlySet<string>;
  onToggle: (key: string) => void;
  query: string;
  onInsert: (text: string) => void;
}

const nameButton =
  'min-w-0 truncate rounded px-1 text-left font-mono text-[13px] text-blue-800 hover:bg-blue-50 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300 dark:hover:bg-slate-800';
const toggleButton = 'w-5 shrink-0 rounded text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800';

function Row({ row, query, onToggle, onInsert }: { row: SchemaRow; query: string; onToggle: (key: string) => void; onInsert: (text: string) => void }) {
  if (row.kind === 'note') return <p className={`${hintClass} py-1 pl-10`}>{row.text}</p>;
  const insert = insertionFor(row, query);
  const toggle = (label: string, open: boolean) => (
    <button type="button" className={toggleButton} aria-expanded={open} aria-label={`${open ? 'Close' : 'Open'} ${label}`} onClick={() => onToggle(row.key)}>
      {open ? '▾' : '▸'}
    </button>
  );
  const insertButton = (label: string) =>
    insert && (
      <button type="button" className={nameButton} title={`Insert ${insert}`} aria-label={`Insert ${insert}`} onClick={() => onInsert(insert)}>
        {label}
      </button>
    );
  if (row.kind === 'schema') {
    return (
      <div className="flex items-center gap-1 py-0.5">
        {toggle(`schema ${row.schema.name}`, row.open)}
        <span className="font-mono text-[13px] font-semibold">{row.schema.name}</span>
        <span className={`${hintClass} truncate`}>{row.schema.tables.length} tables</span>
      </div>
    );
  }
  if (row.kind === 'table') {
    const fks = row.table.foreignKeys;
    return (
      <div className="py-0.5 pl-4">
        <div className="flex items-center gap-1">
          {toggle(`table ${row.table.name}`, row.open)}
          {insertButton(row.table.name)}
          {row.table.type === 'view' && <span className={hintClass}>view</span>}
        </div>
        {row.table.description && <p className={`${hintClass} line-clamp-2 pl-6`}>{row.table.description}</p>}
        {row.open && fks.length > 0 && (
          <p className={`${hintClass} pl-6`}>
            Foreign keys:{' '}
            {fks.map((fk) => `${fk.columns.map((c) => c.from).join(', ')} → ${fk.targetTable}(${fk.columns.map((c) => c.target).join(', ')})`).join('; ')}
          </p>
        )}
      </div>
    );
  }
  const c = row.column;
  const flags = [c.primary && 'primary key', c.indexed && 'indexed'].filter(Boolean).join(', ');
  return (
    <div className="py-0.5 pl-14">
      <div className="flex flex-wrap items-baseline gap-x-2">
        {insertButton(c.name)}
        <span className="text-xs text-slate-700 dark:text-slate-300">{c.datatype}</span>
        {c.unit && <span className="text-xs text-slate-700 dark:text-slate-300">[{c.unit}]</span>}
        {flags && <span className="text-xs font-medium text-emerald-800 dark:text-emerald-300">{flags}</span>}
      </div>
      {(c.description || c.ucd) && (
        <p className={`${hintClass} pl-1`}>
          {c.description}
          {c.ucd && <span className="ml-1 font-mono">{c.ucd}</span>}
        </p>
      )}
    </div>
  );
}

export function SchemaBrowser({ id, service, schemas, status, error, onRetry, loadingTables, open, onToggle, query, onInsert }: SchemaBrowserProps) {
  const [search, setSearch] = useState('');
  const rows = useMemo(() => schemaRows(schemas, open, search, loadingTables), [schemas, open, search, loadingTables]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'column' ? 44 : 30),
    overscan: 12,
    getItemKey: (i) => rows[i]?.key ?? i,
  });
  const tableCount = useMemo(() => schemas.reduce((n, s) => n + s.tables.length, 0), [schemas]);
  const searchId = `${id}-schema-search`;

  return (
    <section aria-labelledby={`${id}-schema-title`} className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <h2 id={`${id}-schema-title`} className="text-sm font-medium">
        Tables of {service.label}
      </h2>
      {status === 'error' && (
        <ErrorMessage error={error} service={service} context="The service’s tables could not be read" onRetry={onRetry} />
      )}
      {status === 'pending' && <p className={hintClass}>Reading the service’s tables…</p>}
      {status === 'success' && (
        <>
          <label htmlFor={searchId} className="mt-1 block text-xs text-slate-700 dark:text-slate-300">
            Find a table or column by name, description or UCD
          </label>
          <input
            id={searchId}
            type="search"
            className={`${inputClass} mt-1 w-full py-1 text-xs`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-describedby={`${searchId}-count`}
          />
          <p id={`${searchId}-count`} className={`${hintClass} mt-1`} aria-live="polite">
            {search.trim()
              ? `${rows.filter((r) => r.kind !== 'note').length} matching rows`
              : `${schemas.length} schemas, ${tableCount} tables. Click a name, or press Enter on it, to insert it at the cursor.`}
          </p>
          <div ref={scroller} className="mt-1 h-80 overflow-auto" data-testid="schema-browser">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => (
                <div key={item.key} ref={virtualizer.measureElement} data-index={item.index} className="absolute inset-x-0" style={{ transform: `translateY(${item.start}px)` }}>
                  <Row row={rows[item.index]!} query={query} onToggle={onToggle} onInsert={onInsert} />
                </div>
              ))}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
