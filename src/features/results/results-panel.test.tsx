// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob, UwsResult } from '../../protocol/uws/types';
import { ResultsPanel } from './results-panel';
import { aJob } from '../../testing/uws-job';

const answers = new Map<string, { body: BodyInit; type: string }>();
const fetchMock = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
  const url = String(input);
  const answer = answers.get(url);
  if (!answer) return new Response('no such result', { status: 404, headers: { 'content-type': 'text/plain' } });
  const headers = new Headers({ 'content-type': answer.type });
  if (typeof answer.body === 'string') headers.set('content-length', String(new TextEncoder().encode(answer.body).length));
  return new Response(answer.body, { status: 200, headers });
});

// Without Worker (jsdom), results load in the calling thread through the global fetch.
vi.stubGlobal('fetch', fetchMock);

/** jsdom's Blob has no text(): read it the old way. */
function readBlob(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
const blobText = async (blob: Blob) => new TextDecoder().decode(await readBlob(blob));

const service: ServiceConfig = { id: 's', label: 'Test TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };

function job(results: UwsResult[]): UwsJob {
  return aJob({ phase: 'COMPLETED', creationTime: null, executionDuration: 0, destruction: null, results });
}

const resultAt = (id: string, mimeType: string | null): UwsResult => ({
  id,
  href: `http://tap.example/tap/async/j1/results/${id}`,
  type: 'simple',
  mimeType,
  size: null,
});

const VOTABLE_TYPE = 'application/x-votable+xml';

function votable(status: string, statusText: string, rows: number, tables = 1): string {
  const table = (t: number) =>
    `<TABLE name="t${t}"><FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra"/><FIELD name="flux" datatype="float"/>
<DATA><TABLEDATA>${Array.from({ length: rows }, (_, i) => `<TR><TD>${i + 0.1}</TD><TD>${i === 0 ? '' : '0.1'}</TD></TR>`).join('')}</TABLEDATA></DATA></TABLE>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<RESOURCE type="results">
<INFO name="QUERY_STATUS" value="OK"/>
<INFO name="QUERY" value="SELECT ra, flux FROM cat"/>
<INFO name="REQUEST_DATE" value="2026-11-21T19:00:00Z"/>
${Array.from({ length: tables }, (_, t) => table(t)).join('\n')}
${status ? `<INFO name="QUERY_STATUS" value="${status}">${statusText}</INFO>` : ''}
</RESOURCE></VOTABLE>`;
}

let savedBlobs: { blob: Blob; name: string }[] = [];

beforeEach(() => {
  answers.clear();
  fetchMock.mockClear();
  savedBlobs = [];
  const urls = new Map<string, Blob>();
  let next = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${next++}`;
    urls.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    savedBlobs.push({ blob: urls.get(this.href)!, name: this.download });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function show(results: UwsResult[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ResultsPanel service={service} job={job(results)} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('the results of a completed job', () => {
  it('shows the row count, the decode time and the query information of a VOTable', async () => {
    const result = resultAt('result', VOTABLE_TYPE);
    answers.set(result.href, { body: votable('', '', 3), type: VOTABLE_TYPE });
    show([result]);
    expect((await screen.findByTestId('row-count')).textContent).toBe('3 rows');
    expect(screen.getByText(/decoded in \d+ ms/)).toBeTruthy();
    expect(screen.getByRole('grid')).toBeTruthy();
    expect(screen.getByText('SELECT ra, flux FROM cat')).toBeTruthy();
    expect(screen.getByText('2026-11-21T19:00:00Z')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('says when MAXREC cut the result', async () => {
    const result = resultAt('result', VOTABLE_TYPE);
    answers.set(result.href, { body: votable('OVERFLOW', '', 2000), type: VOTABLE_TYPE });
    show([result]);
    const banner = await screen.findByText(/The service stopped at/);
    expect(banner.textContent).toBe('The service stopped at 2,000 rows (MAXREC). Raise MAXREC and run again to get more.');
  });

  it("shows the service's error message and still the partial table", async () => {
    const result = resultAt('result', VOTABLE_TYPE);
    answers.set(result.href, { body: votable('ERROR', 'Query timed out after 2 rows', 2), type: VOTABLE_TYPE });
    show([result]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Query timed out after 2 rows');
    expect(screen.getByTestId('row-count').textContent).toBe('2 rows');
  });

  it('offers a switcher when the VOTable holds several tables', async () => {
    const user = userEvent.setup();
    const result = resultAt('result', VOTABLE_TYPE);
    answers.set(result.href, { body: votable('', '', 2, 2), type: VOTABLE_TYPE });
    show([result]);
    const select = await screen.findByRole('combobox', { name: 'Table' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['t0 (2 rows)', 't1 (2 rows)']);
    await user.selectOptions(select, '1');
    expect((select as HTMLSelectElement).value).toBe('1');
  });

  it('exports an exact CSV named after the job, and offers no second download of the original', async () => {
    const user = userEvent.setup();
    const result = resultAt('result', VOTABLE_TYPE);
    const original = votable('', '', 2);
    answers.set(result.href, { body: original, type: VOTABLE_TYPE });
    show([result]);
    await user.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(savedBlobs).toHaveLength(1));
    expect(savedBlobs[0]!.name).toBe('j1-result.csv');
    expect(await blobText(savedBlobs[0]!.blob)).toBe('ra,flux\r\n0.1,\r\n1.1,0.1\r\n');
    expect(screen.queryByRole('button', { name: /^Download/ })).toBeNull();
  });

  it('shows CSV and TSV results in the same grid, numbers recognised per column', async () => {
    const csv = resultAt('result', 'text/csv');
    const tsv = resultAt('tsv', 'text/tab-separated-values');
    answers.set(csv.href, { body: 'ra,name\n10.5,M 31\n-3.25,"a, b"\n', type: 'text/csv;charset=utf-8' });
    answers.set(tsv.href, { body: 'n\tlabel\n7\tx\n', type: 'text/tab-separated-values' });
    const user = userEvent.setup();
    show([csv, tsv]);
    expect((await screen.findByTestId('row-count')).textContent).toBe('2 rows');
    expect(screen.getByTestId('row-count').parentElement!.textContent).toContain('· CSV ·');
    // Exported again as CSV: -3.25 stays a number (a text cell would be made inert with a leading ').
    await user.click(screen.getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(savedBlobs).toHaveLength(1));
    expect(await blobText(savedBlobs[0]!.blob)).toBe('ra,name\r\n10.5,M 31\r\n-3.25,"a, b"\r\n');
    await user.click(screen.getByRole('button', { name: 'tsv' }));
    await waitFor(() => expect(screen.getByTestId('row-count').textContent).toBe('1 row'));
    expect(screen.queryByLabelText('Result preview')).toBeNull();
  });

  it("shows the decoder's warnings in plain words", async () => {
    const result = resultAt('result', VOTABLE_TYPE);
    // Cells that are not numbers in a float column, as sloppy services write them.
    const sloppy = votable('', '', 3).replace('<TD>0.1</TD></TR><TR><TD>2.1</TD><TD>0.1</TD>', '<TD>null</TD></TR><TR><TD>2.1</TD><TD>-</TD>');
    answers.set(result.href, { body: sloppy, type: VOTABLE_TYPE });
    show([result]);
    const warnings = await screen.findByRole('region', { name: 'Read with warnings' });
    expect(warnings.textContent).toMatch(/2 cells of .flux. were not numbers/);
    expect(screen.getByTestId('row-count').textContent).toBe('3 rows');
  });

  it('shows only the first 200 kB of a long text result', async () => {
    const result = resultAt('result', 'text/plain');
    const line = 'x'.repeat(1023) + '\n';
    answers.set(result.href, { body: line.repeat(300), type: 'text/plain' });
    show([result]);
    const preview = await screen.findByLabelText('Result preview');
    expect(preview.textContent!.length).toBe(200_000);
    expect(screen.getByText(/first 200 kB shown/)).toBeTruthy();
  });

  it('does not show binary content as text, and points to the download instead', async () => {
    const result = resultAt('result', 'application/fits');
    const bytes = new Uint8Array([83, 73, 77, 80, 76, 69, 0, 0, 1, 2, 255]);
    answers.set(result.href, { body: bytes, type: 'application/fits' });
    show([result]);
    expect((await screen.findByText(/binary content/)).textContent).toMatch(/application\/fits.*Download button above/);
    expect(screen.queryByLabelText('Result preview')).toBeNull();
  });

  it('lets the user choose between several results', async () => {
    const user = userEvent.setup();
    const main = resultAt('result', VOTABLE_TYPE);
    const log = resultAt('log', 'text/plain');
    answers.set(main.href, { body: votable('', '', 1), type: VOTABLE_TYPE });
    answers.set(log.href, { body: 'all went well', type: 'text/plain' });
    show([log, main]);
    expect((await screen.findByTestId('row-count')).textContent).toBe('1 row');
    await user.click(screen.getByRole('button', { name: 'log' }));
    expect((await screen.findByLabelText('Result preview')).textContent).toBe('all went well');
  });

  it('decodes a VOTable whatever its Content-Type says', async () => {
    const result = resultAt('result', null);
    answers.set(result.href, { body: votable('', '', 4), type: 'text/plain' });
    show([result]);
    expect((await screen.findByTestId('row-count')).textContent).toBe('4 rows');
  });

  it('shows a broken VOTable as text, saying what is wrong with it', async () => {
    const result = resultAt('result', VOTABLE_TYPE);
    const broken = '<?xml version="1.0"?><VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA><TR><TD>1';
    answers.set(result.href, { body: broken, type: VOTABLE_TYPE });
    show([result]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/looks like a VOTable but could not be read/);
    expect(screen.getByLabelText('Result preview').textContent).toBe(broken);
  });

  it('stops loading on Cancel and loads again on request', async () => {
    const user = userEvent.setup();
    const result = resultAt('result', VOTABLE_TYPE);
    // The first request hangs until it is aborted.
    let aborted = false;
    fetchMock.mockImplementationOnce(
      (_input, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          });
        }),
    );
    answers.set(result.href, { body: votable('', '', 1), type: VOTABLE_TYPE });
    show([result]);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Loading the result was cancelled.')).toBeTruthy();
    expect(aborted).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Load result' }));
    expect((await screen.findByTestId('row-count')).textContent).toBe('1 row');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('says so, with a retry, when the result cannot be fetched', async () => {
    show([resultAt('result', VOTABLE_TYPE)]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Loading the result/);
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('shows the size and a Load button, instead of loading, for a result beyond the limit', async () => {
    const user = userEvent.setup();
    const big = { ...resultAt('result', VOTABLE_TYPE), size: 80_000_000 };
    answers.set(big.href, { body: votable('', '', 3), type: VOTABLE_TYPE });
    show([big]);
    const gate = await screen.findByTestId('size-gate');
    expect(gate.textContent).toMatch(/This result is 80(\.0)? MB, more than the 50(\.0)? MB/);
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(gate).getByRole('button', { name: 'Load result' }));
    expect((await screen.findByTestId('row-count')).textContent).toBe('3 rows');
  });

  it('stops at the limit when only Content-Length tells the size, and loads on request', async () => {
    const user = userEvent.setup();
    localStorage.setItem('uws-desk:results:auto-load-bytes', '100');
    try {
      // (Another result than above: a Load given once holds for the page's lifetime.)
      const result = resultAt('unsized', VOTABLE_TYPE);
      answers.set(result.href, { body: votable('', '', 3), type: VOTABLE_TYPE });
      show([result]);
      const gate = await screen.findByTestId('size-gate');
      expect(gate.textContent).toMatch(/This result is [\d.]+ (kB|B), more than the 100 B/);
      await user.click(within(gate).getByRole('button', { name: 'Load result' }));
      expect((await screen.findByTestId('row-count')).textContent).toBe('3 rows');
    } finally {
      localStorage.removeItem('uws-desk:results:auto-load-bytes');
    }
  });
});
