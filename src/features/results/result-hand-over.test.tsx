// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import type { UwsResult } from '../../protocol/uws/types';
import { aJob } from '../../testing/uws-job';
import { ResultsPanel } from './results-panel';

const service: ServiceConfig = { id: 's', label: 'Test TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };
const result: UwsResult = { id: 'result', href: 'http://tap.example/tap/async/j1/results/result', type: 'simple', mimeType: 'application/x-votable+xml', size: null };

/** A 4000-row VOTable cut 60% into its rows: the head is served at once, the tail only on release(). */
function heldBackResult() {
  const rows = Array.from({ length: 4000 }, (_, i) => `<TR><TD>${i}</TD><TD>star ${i}</TD></TR>`).join('');
  const text = `<?xml version="1.0"?><VOTABLE version="1.4"><RESOURCE type="results"><TABLE>
<FIELD name="id" datatype="int"/><FIELD name="name" datatype="char" arraysize="*"/>
<DATA><TABLEDATA>${rows}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;
  const cut = text.indexOf('<TR><TD>2400</TD>');
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(text.slice(0, cut)));
      await released;
      controller.enqueue(encoder.encode(text.slice(cut)));
      controller.close();
    },
  });
  return { response: new Response(body, { status: 200, headers: { 'content-type': 'application/x-votable+xml' } }), release };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the hand-over from the first rows to the whole table', () => {
  it('keeps the grid the user is reading, with its active cell and focus, when the rest of the rows arrive', async () => {
    const user = userEvent.setup();
    const held = heldBackResult();
    // Without Worker (jsdom), results load in the calling thread through the global fetch.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => held.response),
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <ResultsPanel service={service} job={aJob({ phase: 'COMPLETED', results: [result] })} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const grid = await screen.findByRole('grid', { name: 'Result result, first rows' });
    expect(screen.getByTestId('first-rows').textContent).toMatch(/The first 2,400 rows while the rest arrives/);
    grid.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowRight}');
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-r3-c1$/);

    held.release();
    expect((await screen.findByTestId('row-count')).textContent).toBe('4,000 rows');
    expect(screen.queryByTestId('first-rows')).toBeNull();
    // The same grid element, still focused, on the same cell: nothing went back to the top.
    expect(screen.getByRole('grid', { name: 'Result result' })).toBe(grid);
    expect(document.activeElement).toBe(grid);
    expect(grid.getAttribute('aria-activedescendant')).toMatch(/-r3-c1$/);
    expect(grid.getAttribute('aria-rowcount')).toBe('4001');
  });
});
