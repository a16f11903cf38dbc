/**
 * A job or a query as code for another tool (curl, pyvo, astroquery,
 * STILTS): pick the tool, read the snippet, copy it. Snippets never hold a
 * credential; they say where it goes.
 */
import { useEffect, useId, useState } from 'react';
import { SNIPPET_TOOLS, type SnippetTool } from '../lib/code-snippets';
import { Button } from './button';
import { inputClass } from './form';

export function CopyAsCode({ snippet, title = 'Copy as code' }: { snippet: (tool: SnippetTool) => string; title?: string }) {
  const id = useId();
  const [tool, setTool] = useState<SnippetTool>('pyvo');
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const text = snippet(tool);
  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <details className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
      <summary className="cursor-pointer font-medium">{title}</summary>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-tool`} className="text-xs text-slate-700 dark:text-slate-300">
          Tool
        </label>
        <select id={`${id}-tool`} className={`${inputClass} py-1 text-xs`} value={tool} onChange={(e) => setTool(e.target.value as SnippetTool)}>
          {SNIPPET_TOOLS.map((t) => (
            <option key={t.tool} value={t.tool}>
              {t.label}
            </option>
          ))}
        </select>
        <Button size="sm" onClick={() => void copy()}>
          <span aria-live="polite">{copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed: select the text' : 'Copy'}</span>
        </Button>
      </div>
      <pre
        data-testid="code-snippet"
        tabIndex={0}
        aria-label={`${SNIPPET_TOOLS.find((t) => t.tool === tool)?.label ?? tool} code`}
        className="mt-2 max-h-72 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre text-slate-900 dark:bg-slate-950 dark:text-slate-100"
      >
        {text}
      </pre>
    </details>
  );
}
