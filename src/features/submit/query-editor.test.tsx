// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryEditor } from './query-editor';

// The editor's code arrives when the test says so, as a slow chunk would.
const chunk = vi.hoisted(() => {
  let release = () => {};
  const arrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { arrived, release: () => release() };
});
vi.mock('./editor/adql-editor', async (importOriginal) => {
  await chunk.arrived;
  return importOriginal();
});

function Form({ seen }: { seen: (text: string) => void }) {
  const [query, setQuery] = useState('');
  return (
    <>
      <label id="q-label" htmlFor="q">
        ADQL query
      </label>
      <QueryEditor
        id="q"
        value={query}
        onChange={(text) => {
          seen(text);
          setQuery(text);
        }}
        onSubmitShortcut={() => {}}
        invalid={false}
        describedBy=""
        placeholder=""
        schemas={[]}
        functions={[]}
        mark={null}
      />
    </>
  );
}

// jsdom lays nothing out; CodeMirror measures text ranges all the same.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects = noRects;
Range.prototype.getBoundingClientRect = () => new DOMRect();

afterEach(cleanup);

describe('text typed before the editor arrives', () => {
  it('is kept, with the cursor and the focus, when the editor takes over', async () => {
    const seen: string[] = [];
    render(<Form seen={(t) => seen.push(t)} />);
    const area = screen.getByLabelText('ADQL query');
    expect(area.tagName).toBe('TEXTAREA');
    await userEvent.type(area, 'SELECT ra FROM demo.stars');
    (area as HTMLTextAreaElement).setSelectionRange(7, 9);
    // A keystroke the form has not yet seen when the text area goes.
    (area as HTMLTextAreaElement).value = 'SELECT ra FROM demo.stars WHERE';
    (area as HTMLTextAreaElement).setSelectionRange(7, 9);

    await act(async () => {
      chunk.release();
      await chunk.arrived;
    });
    const editor = await waitFor(() => {
      const content = document.querySelector<HTMLElement>('.cm-content');
      if (!content) throw new Error('the editor has not arrived');
      return content;
    });
    expect(editor.textContent).toBe('SELECT ra FROM demo.stars WHERE');
    expect(seen.at(-1)).toBe('SELECT ra FROM demo.stars WHERE');
    expect(document.activeElement).toBe(editor);
    const selection = document.getSelection();
    expect(selection?.toString()).toBe('ra');
    expect(screen.queryByRole('textbox', { name: 'ADQL query' })).toBe(editor);
  });
});
