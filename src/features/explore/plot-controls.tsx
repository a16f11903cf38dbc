import { useId, type ReactNode } from 'react';
import { Select, TextInput } from '../../components/form';
import type { VoField } from '../../protocol/votable/types';
import type { PlotColumn } from './columns';

export interface PlotChoice {
  skyMode: 'all' | 'field';
  x: string;
  y: string;
  logX: boolean;
  logY: boolean;
  /** Colour by this column ('' for none). */
  colour: string;
  /** The histogram's and the statistics' column. */
  column: string;
  bins: number;
  /** Counts on a log scale in the histogram. */
  histLog: boolean;
}

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-1 self-end pb-1.5 text-xs">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function ColumnSelect({ id, value, columns, onChange, none }: { id: string; value: string; columns: readonly { name: string }[]; onChange: (v: string) => void; none?: string }) {
  return (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {none !== undefined && <option value="">{none}</option>}
      {columns.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name}
        </option>
      ))}
    </Select>
  );
}

/** The choices of the view on show: projection, axes, log scales, colour, bins. */
export function PlotControls({
  view,
  choice,
  onChange,
  numeric,
  fields,
}: {
  view: 'sky' | 'scatter' | 'histogram' | 'stats';
  choice: PlotChoice;
  onChange: (c: PlotChoice) => void;
  numeric: PlotColumn[];
  fields: readonly VoField[];
}) {
  const set = (patch: Partial<PlotChoice>) => onChange({ ...choice, ...patch });
  const colour = (
    <Field label="Colour by">{(id) => <ColumnSelect id={id} value={choice.colour} columns={numeric} onChange={(colour) => set({ colour })} none="One colour" />}</Field>
  );
  return (
    <div className="flex flex-wrap items-end gap-3">
      {view === 'sky' && (
        <>
          <Field label="Projection">
            {(id) => (
              <Select id={id} value={choice.skyMode} onChange={(e) => set({ skyMode: e.target.value as PlotChoice['skyMode'] })}>
                <option value="all">All sky (Hammer–Aitoff)</option>
                <option value="field">The field (tangent plane)</option>
              </Select>
            )}
          </Field>
          {colour}
        </>
      )}
      {view === 'scatter' && (
        <>
          <Field label="X axis">{(id) => <ColumnSelect id={id} value={choice.x} columns={numeric} onChange={(x) => set({ x })} />}</Field>
          <Check label="log" checked={choice.logX} onChange={(logX) => set({ logX })} />
          <Field label="Y axis">{(id) => <ColumnSelect id={id} value={choice.y} columns={numeric} onChange={(y) => set({ y })} />}</Field>
          <Check label="log" checked={choice.logY} onChange={(logY) => set({ logY })} />
          {colour}
        </>
      )}
      {view === 'histogram' && (
        <>
          <Field label="Column">{(id) => <ColumnSelect id={id} value={choice.column} columns={numeric} onChange={(column) => set({ column })} />}</Field>
          <Field label="Bins">
            {(id) => (
              <TextInput
                id={id}
                type="number"
                min={2}
                max={1000}
                value={choice.bins}
                className="w-24"
                onChange={(e) => set({ bins: Math.max(2, Math.min(1000, Number(e.target.value) || 2)) })}
              />
            )}
          </Field>
          <Check label="Log scale" checked={choice.histLog} onChange={(histLog) => set({ histLog })} />
        </>
      )}
      {view === 'stats' && (
        <Field label="Column">{(id) => <ColumnSelect id={id} value={choice.column} columns={fields} onChange={(column) => set({ column })} />}</Field>
      )}
    </div>
  );
}
