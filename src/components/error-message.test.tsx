// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../lib/services';
import { AbortedError, NetworkError, ProtocolError, UnauthorizedError } from '../protocol/http/errors';
import { ErrorMessage } from './error-message';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function show(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('ErrorMessage', () => {
  it('says in plain words what a 401 means and what to do, with the facts on request', async () => {
    const onRetry = vi.fn();
    show(
      <ErrorMessage
        context="Listing jobs"
        error={new UnauthorizedError('HTTP 401', { status: 401, statusText: 'Unauthorized', url: 'http://h:8432/tap/async' })}
        onRetry={onRetry}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Listing jobs: h:8432 wants you to identify yourself');
    expect(alert.textContent).toContain('Services page');
    const details = screen.getByText('Technical details').closest('details')!;
    expect(details.open).toBe(false);
    await userEvent.click(screen.getByText('Technical details'));
    expect(details.open).toBe(true);
    expect(details.textContent).toContain('401 Unauthorized');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('links a 401 to the credential form of that very service', () => {
    const service: ServiceConfig = { id: 'a', label: 'Archive', tapUrl: 'http://archive.test/tap', credential: { kind: 'none' }, preset: false };
    show(<ErrorMessage service={service} error={new UnauthorizedError('x', { status: 401, url: 'http://archive.test/tap/async' })} />);
    const link = screen.getByRole('link', { name: 'Set the credential for Archive' });
    expect(link.getAttribute('href')).toBe('/?service=http%3A%2F%2Farchive.test%2Ftap#credential');
  });

  it('names an HTML page where a service document was expected', () => {
    show(<ErrorMessage error={new ProtocolError('not XML', { contentType: 'text/html', received: '<!doctype html><html>' })} />);
    expect(screen.getByRole('alert').textContent).toMatch(/sent a web page/);
  });

  it('shows nothing for a request the app cancelled itself', () => {
    show(<ErrorMessage error={new AbortedError('cancelled')} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers the proxy for a service without CORS and moves a job URL anywhere on its origin through it', async () => {
    // The proxy lists the service's origin; the no-cors probe finds that the service answers.
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL) =>
        Promise.resolve(
          String(input).endsWith('/proxy/')
            ? new Response(JSON.stringify({ targets: ['http://archive.test:8080'] }), { headers: { 'content-type': 'application/json' } })
            : new Response(null, { status: 200 }),
        ),
      ),
    );
    const service: ServiceConfig = {
      id: 'transient:archive',
      label: 'Archive',
      tapUrl: 'http://archive.test:8080/tap',
      credential: { kind: 'none' },
      preset: false,
    };
    const jobUrl = 'http://archive.test:8080/system/run/async/x1';
    let shown = '';
    function Where() {
      const here = useLocation();
      shown = here.search;
      return null;
    }
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[`/job?${new URLSearchParams({ service: service.tapUrl, url: jobUrl }).toString()}`]}>
          <Routes>
            <Route
              path="/job"
              element={
                <>
                  <ErrorMessage error={new NetworkError('failed', { url: jobUrl })} service={service} />
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Reach it through the proxy' }));
    const params = new URLSearchParams(shown);
    expect(params.get('service')).toBe(`${location.origin}/proxy/http/archive.test:8080/tap`);
    expect(params.get('url')).toBe(`${location.origin}/proxy/http/archive.test:8080/system/run/async/x1`);
  });
});
