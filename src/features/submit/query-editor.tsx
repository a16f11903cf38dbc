/**
 * The ADQL text editor. The CodeMirror editor is loaded on demand (only the
 * submit page pays for it); until it arrives, and wherever it cannot load, a
 * plain text area with the same label and shortcut stands in.
 */
import { Component, lazy, Suspense, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { inputClass } from '../../components/form';
import type { TapFunction, TapSchema } from '../../protocol/tap';

export interface QueryEditorHandle {
  /** Put text at the cursor (replacing the selection) and focus the editor. */
  insert: (text: string) => void;
  focus: () => void;
}

/** A spot in the query to mark, in character offsets. */
export interface QueryMark {
  from: number;
  to: number;
  message: string;
}

export interface QueryEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  onSubmitShortcut: () => void;
  invalid: boolean;
  describedBy: string;
  placeholder: string;
  schemas: readonly TapSchema[];
  functions: readonly TapFunction[];
  mark: QueryMark | null;
  handleRef?: Ref<QueryEditorHandle | null> | undefined;
}

const AdqlEditor = lazy(() => import('./editor/adql-editor'));

export function PlainQueryEditor({ id, value, onChange, onSubmitShortcut, invalid, describedBy, placeholder, handleRef }: QueryEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(handleRef, () => ({
    insert(text: string) {
      const el = area.current;
      if (!el) return;
      const start = el.selectionStart;
      onChange(`${el.value.slice(0, start)}${text}${el.value.slice(el.selectionEnd)}`);
      el.focus();
      requestAnimationFrame(() => el.setSelectionRange(start + text.length, start + text.length));
    },
    focus() {
      area.current?.focus();
    },
  }));
  return (
    <textarea
      ref={area}
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSubmitShortcut();
        }
      }}
      rows={14}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      autoComplete="off"
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      placeholder={placeholder}
      className={`${inputClass} block w-full resize-y font-mono text-[13px] leading-relaxed`}
    />
  );
}

/** Falls back to the plain editor when the editor's code cannot be loaded (offline, a failed chunk). */
class FallBack extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function QueryEditor(props: QueryEditorProps) {
  const plain = <PlainQueryEditor {...props} />;
  return (
    <FallBack fallback={plain}>
      <Suspense fallback={plain}>
        <AdqlEditor {...props} />
      </Suspense>
    </FallBack>
  );
}
