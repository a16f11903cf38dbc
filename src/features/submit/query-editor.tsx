/**
 * The ADQL text editor. The CodeMirror editor is loaded on demand (only the
 * submit page pays for it); until it arrives, and wherever it cannot load, a
 * plain text area with the same label and shortcut stands in. What was typed
 * there, with the cursor and the focus, passes to the editor when it arrives.
 */
import { Component, lazy, Suspense, useImperativeHandle, useLayoutEffect, useRef, type ReactNode, type Ref, type RefObject } from 'react';
import { inputClass } from '../../components/form';
import type { TapFunction, TapSchema } from '../../protocol/tap';

export interface QueryEditorHandle {
  /** Put text at the cursor (replacing the selection) and focus the editor. */
  insert: (text: string) => void;
  focus: () => void;
}

/** The plain text area's last state, for the editor that takes its place. */
export interface EditorHandover {
  text: string;
  /** The selection, in character offsets. */
  from: number;
  to: number;
  focused: boolean;
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
  /** Filled by the plain text area as it goes, read by the editor that replaces it. */
  handoverRef?: RefObject<EditorHandover | null> | undefined;
}

const AdqlEditor = lazy(() => import('./editor/adql-editor'));

export function PlainQueryEditor({ id, value, onChange, onSubmitShortcut, invalid, describedBy, placeholder, handleRef, handoverRef }: QueryEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  // As it is replaced: the text as it stands in the element (keystrokes the form has not seen yet included), the cursor, the focus.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el || !handoverRef) return;
    handoverRef.current = null;
    return () => {
      handoverRef.current = { text: el.value, from: el.selectionStart, to: el.selectionEnd, focused: el.ownerDocument.activeElement === el };
    };
  }, [handoverRef]);
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
  const handoverRef = useRef<EditorHandover | null>(null);
  const plain = <PlainQueryEditor {...props} handoverRef={handoverRef} />;
  return (
    <FallBack fallback={plain}>
      <Suspense fallback={plain}>
        <AdqlEditor {...props} handoverRef={handoverRef} />
      </Suspense>
    </FallBack>
  );
}
