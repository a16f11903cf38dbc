/**
 * The ADQL editor on CodeMirror 6: highlighting, bracket matching, undo
 * history, search, completion of keywords, functions and the service's
 * schemas, tables and columns (alias-aware), Ctrl/Cmd+Enter to submit, and a
 * mark on the spot a service named in an error. Loaded only by the submit page.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { keywordCompletionSource, schemaCompletionSource } from '@codemirror/lang-sql';
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, drawSelection, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import type { QueryEditorProps } from '../query-editor';
import { adqlDialect, completionNamespace, functionCompletions, tableNameCompletions } from './adql-dialect';

const theme = EditorView.theme({
  '&': { fontSize: '13px', minHeight: '16rem', maxHeight: '32rem' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.6' },
  '.cm-content': { minHeight: '16rem' },
  '&.cm-focused': { outline: 'none' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { maxHeight: 'none' },
});

/** Token colours with at least 4.5:1 contrast on the editor's background, in light and in dark. */
const lightHighlight = HighlightStyle.define(
  [
    { tag: t.keyword, color: '#6b21a8', fontWeight: '600' },
    { tag: [t.string, t.special(t.string)], color: '#166534' },
    { tag: [t.number, t.bool, t.null], color: '#9a3412' },
    { tag: [t.comment, t.lineComment, t.blockComment], color: '#475569', fontStyle: 'italic' },
    { tag: [t.standard(t.name), t.typeName, t.function(t.name)], color: '#1e40af' },
    { tag: [t.special(t.name), t.quote], color: '#155e75' },
  ],
  { themeType: 'light' },
);
const darkHighlight = HighlightStyle.define(
  [
    { tag: t.keyword, color: '#d8b4fe', fontWeight: '600' },
    { tag: [t.string, t.special(t.string)], color: '#86efac' },
    { tag: [t.number, t.bool, t.null], color: '#fdba74' },
    { tag: [t.comment, t.lineComment, t.blockComment], color: '#94a3b8', fontStyle: 'italic' },
    { tag: [t.standard(t.name), t.typeName, t.function(t.name)], color: '#93c5fd' },
    { tag: [t.special(t.name), t.quote], color: '#67e8f9' },
  ],
  { themeType: 'dark' },
);

/** Colours that keep WCAG AA contrast in light and dark. */
const darkAware = EditorView.baseTheme({
  '&light .cm-placeholder': { color: '#475569' },
  '&dark .cm-placeholder': { color: '#94a3b8' },
  '&light .cm-matchingBracket': { backgroundColor: '#dbeafe', color: '#0f172a' },
  '&dark .cm-matchingBracket': { backgroundColor: '#1e3a8a', color: '#f8fafc' },
  '&dark .cm-gutters': { backgroundColor: '#0f172a', color: '#94a3b8', borderRight: '1px solid #334155' },
  '&light .cm-gutters': { backgroundColor: '#f8fafc', color: '#475569', borderRight: '1px solid #e2e8f0' },
  '&dark .cm-cursor': { borderLeftColor: '#e2e8f0' },
});

const contentAttributes = (id: string, describedBy: string, invalid: boolean) =>
  EditorView.contentAttributes.of({
    id,
    'aria-labelledby': `${id}-label`,
    'aria-describedby': describedBy,
    'aria-multiline': 'true',
    ...(invalid ? { 'aria-invalid': 'true' } : {}),
  });

export default function AdqlEditor({ id, value, onChange, onSubmitShortcut, invalid, describedBy, placeholder, schemas, functions, mark, handleRef, handoverRef }: QueryEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const attributes = useRef(new Compartment());
  // The latest callbacks, read by listeners created once.
  const latest = useRef({ onChange, onSubmitShortcut });
  useEffect(() => {
    latest.current = { onChange, onSubmitShortcut };
  });

  const dark = typeof document !== 'undefined' && document.documentElement.classList.contains('dark');
  // The text as given from outside when last applied: only a change of it replaces the document.
  const applied = useRef(value);

  // Made in the same commit that removes the plain text area, so no keystroke falls between the two.
  useLayoutEffect(() => {
    if (!host.current) return;
    const before = handoverRef?.current ?? null;
    const doc = before?.text ?? value;
    const clamp = (n: number) => Math.max(0, Math.min(n, doc.length));
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc,
        ...(before ? { selection: { anchor: clamp(before.from), head: clamp(before.to) } } : {}),
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  latest.current.onSubmitShortcut();
                  return true;
                },
              },
            ]),
          ),
          lineNumbers(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          syntaxHighlighting(lightHighlight),
          syntaxHighlighting(darkHighlight),
          // At most ten options in view, none scrolled out of reach: the arrow keys and Page Up/Down move through
          // the rest (a scrolling list that keyboard focus never enters is what axe calls scrollable-region-focusable).
          autocompletion({ icons: false, maxRenderedOptions: 10 }),
          lintGutter(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap]),
          placeholderText(placeholder),
          EditorView.lineWrapping,
          theme,
          darkAware,
          EditorView.darkTheme.of(dark),
          language.current.of([]),
          attributes.current.of(contentAttributes(id, describedBy, invalid)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    if (before?.focused) editor.focus();
    // Keystrokes the form had not seen when the text area went.
    if (doc !== value) latest.current.onChange(doc);
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once; later changes arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The language follows the service's metadata and functions.
  useEffect(() => {
    const dialect = adqlDialect(functions);
    const config = { dialect, schema: completionNamespace(schemas), upperCaseKeywords: true };
    view.current?.dispatch({
      effects: language.current.reconfigure([
        // The language alone: sql(config) would build the schema completion a second time.
        dialect.language,
        dialect.language.data.of({ autocomplete: schemaCompletionSource(config) }),
        dialect.language.data.of({ autocomplete: tableNameCompletions(schemas) }),
        dialect.language.data.of({ autocomplete: keywordCompletionSource(dialect, true) }),
        dialect.language.data.of({ autocomplete: functionCompletions(functions) }),
      ]),
    });
  }, [schemas, functions]);

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(contentAttributes(id, describedBy, invalid)) });
  }, [id, describedBy, invalid]);

  // A new text from outside (an example, the history): replace the document. The text it was
  // created with (possibly older than what was typed before it arrived) is not new.
  useEffect(() => {
    const editor = view.current;
    if (value === applied.current) return;
    applied.current = value;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  // The spot a service named in an error.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    const diagnostics = mark
      ? [{ from: Math.min(mark.from, length), to: Math.min(Math.max(mark.to, mark.from + 1), length), severity: 'error' as const, message: mark.message }]
      : [];
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
    if (mark) editor.dispatch({ selection: { anchor: Math.min(mark.from, length) }, scrollIntoView: true });
  }, [mark]);

  useImperativeHandle(handleRef, () => ({
    insert(text: string) {
      const editor = view.current;
      if (!editor) return;
      const { from, to } = editor.state.selection.main;
      editor.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, scrollIntoView: true });
      editor.focus();
    },
    focus() {
      view.current?.focus();
    },
  }));

  return (
    <div
      ref={host}
      data-testid="adql-editor"
      className={`overflow-hidden rounded-md border bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100 ${invalid ? 'border-red-600' : 'border-slate-300 dark:border-slate-600'}`}
    />
  );
}
