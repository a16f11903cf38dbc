/** What the results panel says about a table besides its rows: the query status, INFOs and PARAMs, and the decoder's warnings. */
import { useState } from 'react';
import { formatCount } from '../../lib/format';
import type { VoInfo, VoParam } from '../../protocol/votable/types';
import { cellText } from './format-cell';

export function QueryStatusBanner({ status, message, rows }: { status: string; message: string; rows: number }) {
  const upper = status.toUpperCase();
  if (upper === 'OVERFLOW') {
    return (
      <div
        role="status"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
      >
        The service stopped at {formatCount(rows)} rows (MAXREC). Raise MAXREC and run again to get more.
      </div>
    );
  }
  if (upper === 'ERROR') {
    return (
      <div
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100"
      >
        <p className="font-semibold">The service reported an error{rows > 0 ? '; the rows below may be incomplete' : ''}.</p>
        <p className="mt-1 whitespace-pre-wrap">{message || '(The service gave no message.)'}</p>
      </div>
    );
  }
  return null;
}

export interface MetaItem {
  kind: 'INFO' | 'PARAM';
  name: string;
  value: string;
  unit?: string;
}

export function metaItems(infos: VoInfo[], params: VoParam[]): MetaItem[] {
  const items: MetaItem[] = [];
  for (const info of infos) {
    if (info.name.toUpperCase() === 'QUERY_STATUS') continue;
    const value = info.value && info.content ? `${info.value}: ${info.content}` : info.value || info.content;
    items.push({ kind: 'INFO', name: info.name, value });
  }
  for (const param of params) {
    items.push({ kind: 'PARAM', name: param.name, value: param.cell === null ? param.value : cellText(param.cell, param.datatype), unit: param.unit });
  }
  return items;
}

/** The document's INFOs and PARAMs: one compact line each, long values shortened (full value on hover). */
export function MetaList({ items }: { items: MetaItem[] }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, 6);
  return (
    <section aria-label="About this result" className="rounded-md border border-slate-200 px-3 py-2 text-xs dark:border-slate-700">
      <dl className="flex flex-col gap-0.5">
        {shown.map((item, i) => {
          const full = item.unit ? `${item.value} ${item.unit}` : item.value;
          return (
            <div key={`${item.kind}-${item.name}-${i}`} className="flex min-w-0 gap-2">
              <dt className="shrink-0 font-medium text-slate-600 dark:text-slate-400">{item.name}</dt>
              <dd className={`min-w-0 font-mono ${all ? 'break-all whitespace-pre-wrap' : 'truncate'}`} title={full}>
                {full}
              </dd>
            </div>
          );
        })}
      </dl>
      {(items.length > shown.length || all) && (
        <button
          type="button"
          className="mt-1 text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
          aria-expanded={all}
          onClick={() => setAll((value) => !value)}
        >
          {all ? 'Show less' : `Show all ${items.length}`}
        </button>
      )}
    </section>
  );
}


/** One thing the decoder tolerated, as the decoder words it (see protocol/votable warnings). */
export interface DecoderWarning {
  message: string;
  count?: number;
  field?: string;
  table?: number;
}

/** The decoder's warnings of a document, where the decoder records them. */
export function warningsOf(votable: object): DecoderWarning[] {
  const warnings = (votable as { warnings?: unknown }).warnings;
  return Array.isArray(warnings) ? warnings.filter((w): w is DecoderWarning => typeof (w as DecoderWarning | null)?.message === 'string') : [];
}

/** What was read differently from what the document said, in plain words; the first few, then all on request. */
export function DecoderWarnings({ warnings }: { warnings: DecoderWarning[] }) {
  const [all, setAll] = useState(false);
  if (warnings.length === 0) return null;
  const shown = all ? warnings : warnings.slice(0, 3);
  return (
    <section
      aria-label="Read with warnings"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-semibold">
        The result was read with {warnings.length === 1 ? 'one warning' : `${formatCount(warnings.length)} warnings`}; what could not be read as written is
        shown as described:
      </p>
      <ul className="mt-1 list-disc pl-5">
        {shown.map((warning, i) => (
          <li key={i}>
            <bdi>{warning.message}</bdi>
          </li>
        ))}
      </ul>
      {warnings.length > shown.length || all ? (
        <button type="button" className="mt-1 underline underline-offset-2" aria-expanded={all} onClick={() => setAll((value) => !value)}>
          {all ? 'Show fewer' : `Show all ${formatCount(warnings.length)}`}
        </button>
      ) : null}
    </section>
  );
}
