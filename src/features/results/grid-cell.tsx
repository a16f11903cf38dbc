/** One cell of the result grid: its exact text, null and empty strings told apart, only http(s) links clickable. */
import type { VoField, VoTableTable } from '../../protocol/votable/types';
import { describeCell } from './format-cell';

const isNumeric = (field: VoField) => field.datatype !== 'char' && field.datatype !== 'unicodeChar' && field.datatype !== 'boolean';

export interface GridCellProps {
  id: string;
  colIndex: number;
  left: number;
  width: number;
  field: VoField;
  value: ReturnType<VoTableTable['cell']>;
  active: boolean;
  onActivate: () => void;
}

export function GridCell({ id, colIndex, left, width, field, value, active, onActivate }: GridCellProps) {
  const display = describeCell(value, field.datatype);
  const align = isNumeric(field) ? 'text-right tabular-nums' : 'text-left';
  const ring = active ? 'outline outline-2 -outline-offset-2 outline-blue-600 dark:outline-blue-400' : '';
  let content;
  let title: string;
  switch (display.kind) {
    case 'null':
      title = 'null (no value)';
      content = (
        <span
          aria-label="null"
          className="rounded bg-slate-200/70 px-1 font-sans text-[11px] text-slate-600 italic dark:bg-slate-800 dark:text-slate-300"
        >
          null
        </span>
      );
      break;
    case 'empty':
      title = 'empty string';
      content = (
        <span
          aria-label="empty string"
          className="rounded border border-dashed border-slate-300 px-1 font-sans text-[11px] text-slate-500 dark:border-slate-600 dark:text-slate-400"
        >
          empty
        </span>
      );
      break;
    case 'link':
      title = display.text;
      content = (
        <a
          href={display.href}
          target="_blank"
          rel="noopener noreferrer"
          tabIndex={-1}
          className="text-blue-700 underline decoration-blue-300 hover:decoration-blue-700 dark:text-blue-300"
        >
          <bdi>{display.text}</bdi>
        </a>
      );
      break;
    default:
      title = display.text;
      content = <bdi>{display.text}</bdi>;
  }
  return (
    <div
      id={id}
      role="gridcell"
      aria-colindex={colIndex}
      aria-selected={active}
      title={title}
      onMouseDown={onActivate}
      className={`absolute top-0 h-full overflow-hidden px-2 leading-6 text-ellipsis whitespace-pre [unicode-bidi:isolate] ${align} ${ring}`}
      style={{ left, width }}
    >
      {content}
    </div>
  );
}
