/**
 * The service's schemas, tables and columns beside the editor: searchable by
 * name, description and UCD (on the service itself, in TAP_SCHEMA, when its
 * columns are too many to hold here), virtualized for services with tens of
 * thousands of tables. Clicking a name, or Enter on it, inserts it at the cursor.
 */
import { useQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { inputClass } from '../../components/form';
import type { ServiceConfig } from '../../lib/services';
import type { SchemaSearchHits, TapSchema, TapTable } from '../../protocol/tap';
import { schemaSearchQueryOptions, SEARCH_LIMIT, type Tableset } from './api/schema-queries';
import { hintClass } from './field';
import { insertionFor, schemaRows, searchHitRows, type SchemaRow } from './schema-rows';

export interface SchemaBrowserProps {
  id: string;
  service: ServiceConfig;
  schemas: readonly TapSchema[];
  status: 'pending' | 'error' | 'success';
  /** Where the metadata came from, and whether the service gave all of it. */
  source: Tableset['source'] | undefined;
  truncated: boolean;
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

/** The value once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function remoteSummary(hits: SchemaSearchHits): string {
  const count = (n: number, cut: boolean, one: string, many: string) => (cut ? `more than ${SEARCH_LIMIT} ${many}` : plural(n, one, many));
  const found = `${count(hits.tables.length, hits.tablesCut, 'table', 'tables')} and ${count(hits.columns.length, hits.columnsCut, 'column', 'columns')} match`;
  const text = found.charAt(0).toUpperCase() + found.slice(1);
  return hits.tablesCut || hits.columnsCut ? `${text}; the first ${SEARCH_LIMIT} are shown. Add a word to narrow the search.` : `${text}.`;
}

export function SchemaBrowser({ id, service, schemas, status, error, source, truncated, onRetry, loadingTables, open, onToggle, query, onInsert }: SchemaBrowserProps) {
  const [search, setSearch] = useState('');
  // Columns not all read (a large service): a search asks the service, a moment after the typing stops; a newer search cancels the older.
  const onService = useMemo(() => schemas.some((s) => s.tables.some((t) => t.columns === null)), [schemas]);
  const settled = useSettled(search.trim(), 300);
  const remote = useQuery({ ...schemaSearchQueryOptions(service, settled), enabled: onService && settled !== '' });
  const remoteFailed = onService && remote.isError;
  const known = useMemo(() => {
    const map = new Map<string, TapTable>();
    if (onService) for (const schema of schemas) for (const table of schema.tables) map.set(table.name.toLowerCase(), table);
    return map;
  }, [schemas, onService]);
  const rows = useMemo(() => {
    if (onService && search.trim() && !remoteFailed) return remote.data && settled === search.trim() ? searchHitRows(remote.data, known, open) : [];
    return schemaRows(schemas, open, search, loadingTables);
  }, [onService, search, remoteFailed, remote.data, settled, known, open, schemas, loadingTables]);
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
        <ErrorMessage error={error} service={service} context="The service’s tables could not be read, neither from its /tables nor from TAP_SCHEMA" onRetry={onRetry} />
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
            {!search.trim()
              ? `${schemas.length} schemas, ${tableCount} tables${truncated ? ' (the service gave no more)' : ''}. Click a name, or press Enter on it, to insert it at the cursor.`
              : !onService
                ? `${rows.filter((r) => r.kind !== 'note').length} matching rows`
                : remoteFailed
                  ? 'The service could not be searched; matching table names and descriptions are shown.'
                  : remote.data && settled === search.trim()
                    ? remoteSummary(remote.data)
                    : 'Searching the service’s tables and columns…'}
          </p>
          {source === 'tap-schema' && <p className={hintClass}>Read from TAP_SCHEMA: the service’s /tables could not be read.</p>}
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
