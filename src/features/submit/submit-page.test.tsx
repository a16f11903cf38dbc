// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobKeys } from '../../api';
import { getLocalJobs } from '../../lib/local-jobs';
import type { ServiceConfig } from '../../lib/services';
import { ServerError } from '../../protocol/http/errors';
import type { TapCapabilities } from '../../protocol/tap';
import type { UwsJob } from '../../protocol/uws/types';
import { readText } from './csv-to-votable';
import { SubmitPage } from './submit-page';
import { fakeUwsClient, resetFakeUwsClient } from '../../testing/fake-uws-client';
import { aJob } from '../../testing/uws-job';

const uws = fakeUwsClient();

vi.mock('../../api/service-client', () => ({
  getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: { request: () => Promise.reject(new Error('offline')) }, uws }),
}));

// The form's behaviour is tested with the plain editor; CodeMirror itself runs in the browser specs.
vi.mock('./editor/adql-editor', async () => ({ default: (await import('./query-editor')).PlainQueryEditor }));

const service: ServiceConfig = { id: 's', label: 'Test TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };

const caps: TapCapabilities = {
  outputFormats: [
    { mime: 'application/x-votable+xml', aliases: ['votable'] },
    { mime: 'application/x-votable+xml;serialization=binary2', aliases: ['votable/b2'] },
    { mime: 'text/csv', aliases: ['csv'] },
  ],
  languages: [{ name: 'ADQL', versions: ['2.0'] }],
  maxRec: { default: 1000, hard: 100000 },
  executionDuration: { default: 600, hard: 3600 },
  retentionPeriod: { default: 86400, hard: 604800 },
  uploadMethods: ['ivo://ivoa.net/std/TAPRegExt#upload-inline'],
  uploadLimit: null,
};

function created(phase: 'PENDING' | 'QUEUED'): UwsJob {
  return aJob({
    jobId: 'j9',
    runId: 'mine',
    phase,
    creationTime: new Date(),
    executionDuration: 600,
    destruction: null,
    url: 'http://tap.example/tap/async/j9',
  });
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.search}</p>;
}

function show(state?: unknown) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(jobKeys.capabilities(service), caps);
  const router = createMemoryRouter(
    [
      { path: '/submit', element: <SubmitPage service={service} /> },
      { path: '/job', element: <Where /> },
      { path: '/jobs', element: <Where /> },
    ],
    { initialEntries: [{ pathname: '/submit', state }] },
  );
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, view };
}

beforeEach(() => {
  localStorage.clear();
  resetFakeUwsClient(uws);
});
afterEach(cleanup);

describe('SubmitPage', () => {
  it('submits with Ctrl+Enter and opens the new job at once', async () => {
    const user = userEvent.setup();
    uws.createJob.mockResolvedValue(created('PENDING'));
    show();
    await user.type(screen.getByLabelText('Run id (RUNID)'), 'mine');
    await user.type(screen.getByLabelText('Row limit (MAXREC)'), '50');
    await user.click(screen.getByLabelText(/Leave it PENDING/));
    const editor = screen.getByLabelText('ADQL query');
    await user.type(editor, 'SELECT TOP 5 * FROM cat');
    await user.keyboard('{Control>}{Enter}{/Control}');

    const where = await screen.findByTestId('where');
    expect(decodeURIComponent(where.textContent ?? '')).toContain('url=http://tap.example/tap/async/j9');
    const params = uws.createJob.mock.calls[0]![0];
    expect(params).toMatchObject({
      QUERY: 'SELECT TOP 5 * FROM cat',
      LANG: 'ADQL',
      MAXREC: 50,
      RUNID: expect.stringMatching(/^mine \(uws-desk:[0-9a-z]{10}\)$/),
      RESPONSEFORMAT: 'application/x-votable+xml;serialization=binary2',
    });
    expect(uws.runJob).not.toHaveBeenCalled();
    expect(getLocalJobs().map((j) => j.jobUrl)).toEqual(['http://tap.example/tap/async/j9']);
  });

  it('keeps everything typed when the service refuses, and after a reload', async () => {
    const user = userEvent.setup();
    uws.createJob.mockRejectedValue(new ServerError('The service failed (HTTP 500)', { status: 500 }));
    const first = show();
    await user.type(screen.getByLabelText('ADQL query'), 'SELECT * FROM cat WHERE mag < 3');
    await user.type(screen.getByLabelText('Run id (RUNID)'), 'bright');
    await user.click(screen.getByRole('button', { name: 'Submit and run' }));
    expect(await screen.findByText(/The job was not created/)).toBeTruthy();
    expect((screen.getByLabelText('ADQL query') as HTMLTextAreaElement).value).toBe('SELECT * FROM cat WHERE mag < 3');

    first.view.unmount();
    show();
    expect((screen.getByLabelText('ADQL query') as HTMLTextAreaElement).value).toBe('SELECT * FROM cat WHERE mag < 3');
    expect((screen.getByLabelText('Run id (RUNID)') as HTMLInputElement).value).toBe('bright');
  });

  it('offers recent queries to edit again', async () => {
    const user = userEvent.setup();
    uws.createJob.mockResolvedValue(created('QUEUED'));
    uws.runJob.mockResolvedValue(created('QUEUED'));
    const first = show();
    await user.type(screen.getByLabelText('ADQL query'), 'SELECT 1 FROM cat');
    await user.click(screen.getByRole('button', { name: 'Submit and run' }));
    await screen.findByTestId('where');
    first.view.unmount();

    show();
    const editor = screen.getByLabelText('ADQL query') as HTMLTextAreaElement;
    await user.clear(editor);
    await user.type(editor, 'SELECT 2 FROM cat');
    await user.selectOptions(screen.getByLabelText('Recent queries'), 'SELECT 1 FROM cat');
    expect(editor.value).toBe('SELECT 1 FROM cat');
    // The text that was replaced went into the history.
    expect(screen.getByRole('option', { name: 'SELECT 2 FROM cat' })).toBeTruthy();
  });

  it('uploads a CSV file as a VOTable under a checked ADQL name', async () => {
    const user = userEvent.setup();
    uws.createJob.mockResolvedValue(created('QUEUED'));
    uws.runJob.mockResolvedValue(created('QUEUED'));
    show();
    await user.type(screen.getByLabelText('ADQL query'), 'SELECT * FROM TAP_UPLOAD.mine');
    await user.upload(screen.getByLabelText('VOTable or CSV file'), new File(['id,ra\n1,10.5\n'], 'My list.csv', { type: 'text/csv' }));
    const name = screen.getByLabelText('Table name') as HTMLInputElement;
    // The name the query already uses is taken over.
    expect(name.value).toBe('mine');
    await user.clear(name);
    await user.type(name, 'select');
    await user.click(screen.getByRole('button', { name: 'Submit and run' }));
    expect(screen.getByText(/reserved word/)).toBeTruthy();
    expect(uws.createJob).not.toHaveBeenCalled();

    await user.clear(name);
    await user.type(name, 'mine');
    await user.click(screen.getByRole('button', { name: 'Submit and run' }));
    await screen.findByTestId('where');
    const [params, opts] = uws.createJob.mock.calls[0]!;
    expect(params.UPLOAD).toBe('mine,param:mine');
    expect(await readText(opts!.files!.mine!)).toContain('<FIELD name="ra" datatype="double"/>');
  });

  it('opens a job’s query for editing without losing the draft it replaces', async () => {
    const first = show();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ADQL query'), 'SELECT draft FROM cat');
    first.view.unmount();

    show({ query: 'SELECT id FROM cat WHERE mag < 5' });
    expect((screen.getByLabelText('ADQL query') as HTMLTextAreaElement).value).toBe('SELECT id FROM cat WHERE mag < 5');
    expect(screen.getByRole('option', { name: 'SELECT draft FROM cat' })).toBeTruthy();
  });
});
