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
import { examplesQueryOptions, type ServiceExample } from './examples';
import { sharedQueryPath } from './submit-form';
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

function show(state?: unknown, options: { caps?: TapCapabilities; examples?: ServiceExample[]; search?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(jobKeys.capabilities(service), options.caps ?? caps);
  if (options.examples) client.setQueryData(examplesQueryOptions(service).queryKey, options.examples);
  const router = createMemoryRouter(
    [
      { path: '/submit', element: <SubmitPage service={service} /> },
      { path: '/job', element: <Where /> },
      { path: '/jobs', element: <Where /> },
    ],
    { initialEntries: [{ pathname: '/submit', search: options.search ?? '', state }] },
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

  it('fills in the row limit an example needs', async () => {
    const user = userEvent.setup();
    const million: ServiceExample = { name: 'One million rows', query: 'SELECT n FROM demo.numbers', description: 'set MAXREC to 1000000', parameters: { MAXREC: '1000000' } };
    show(undefined, { examples: [million] });
    await user.selectOptions(screen.getByLabelText('Examples'), 'One million rows');
    expect((screen.getByLabelText('ADQL query') as HTMLTextAreaElement).value).toBe('SELECT n FROM demo.numbers');
    expect((screen.getByLabelText('Row limit (MAXREC)') as HTMLInputElement).value).toBe('1000000');
  });

  it('keeps only the query text for the next job, not its run choice and limits', async () => {
    const user = userEvent.setup();
    uws.createJob.mockResolvedValue(created('PENDING'));
    uws.setExecutionDuration.mockResolvedValue({ ...created('PENDING'), executionDuration: 60 });
    const first = show();
    await user.type(screen.getByLabelText('ADQL query'), 'SELECT 1 FROM cat');
    await user.type(screen.getByLabelText('Row limit (MAXREC)'), '50');
    await user.type(screen.getByLabelText('Execution duration (s)'), '60');
    await user.click(screen.getByLabelText(/Leave it PENDING/));
    await user.click(screen.getByRole('button', { name: 'Create job' }));
    await screen.findByTestId('where');
    first.view.unmount();

    show();
    expect((screen.getByLabelText('ADQL query') as HTMLTextAreaElement).value).toBe('SELECT 1 FROM cat');
    expect((screen.getByLabelText('Row limit (MAXREC)') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Execution duration (s)') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Run at once') as HTMLInputElement).checked).toBe(true);
  });

  it('says which options an unfinished draft brought back, and resets them', async () => {
    const user = userEvent.setup();
    const first = show();
    await user.click(screen.getByLabelText(/Leave it PENDING/));
    await user.type(screen.getByLabelText('Row limit (MAXREC)'), '50');
    first.view.unmount();

    show();
    const note = screen.getByText(/Kept from your unfinished draft/);
    expect(note.textContent).toContain('leave it PENDING, row limit 50');
    await user.click(screen.getByRole('button', { name: 'Use the service’s defaults' }));
    expect((screen.getByLabelText('Run at once') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Row limit (MAXREC)') as HTMLInputElement).value).toBe('');
  });

  it('says before submitting that the service asks for a login', () => {
    show(undefined, { caps: { ...caps, loginRequired: true } });
    expect(screen.getByText(/This service asks for a login/).textContent).toContain('no credential is set');
  });

  it('opens a shared link with its query and options filled in', () => {
    const path = sharedQueryPath(service.tapUrl, { query: 'SELECT TOP 3 * FROM cat', maxrec: '3', lang: 'ADQL', format: '', runId: 'shared' });
    show(undefined, { search: path.slice(path.indexOf('?')) });
    expect((screen.getByLabelText('ADQL query') as HTMLTextAreaElement).value).toBe('SELECT TOP 3 * FROM cat');
    expect((screen.getByLabelText('Row limit (MAXREC)') as HTMLInputElement).value).toBe('3');
    expect((screen.getByLabelText('Run id (RUNID)') as HTMLInputElement).value).toBe('shared');
  });

  it('shows the error of the job whose query is opened for editing', () => {
    show({ query: 'SELECT nosuch FROM cat', error: 'column "nosuch" does not exist' });
    expect(screen.getByText(/The job ended in error/).textContent).toContain('column "nosuch" does not exist');
  });

  it('flags a row limit above the service’s hard limit', async () => {
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('Row limit (MAXREC)'), '200000');
    expect(screen.getByText(/Above the service’s hard limit/).textContent).toContain('100,000');
  });
});
