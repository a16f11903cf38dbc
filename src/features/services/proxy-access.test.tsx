// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import { ProxyAccess } from './proxy-access';

const ESO: ServiceConfig = {
  id: 'eso-tap-obs',
  label: 'ESO tap_obs',
  tapUrl: 'https://archive.eso.org/tap_obs',
  credential: { kind: 'none' },
  preset: true,
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** The app's proxy as the browser sees it: GET /proxy/ and POST /proxy/targets. */
function fakeProxy(state: { targets: string[]; canAddTargets: boolean }, refuse?: string) {
  const posts: unknown[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/proxy/targets') && init?.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      if (refuse) return new Response(refuse, { status: 403, headers: { 'content-type': 'text/plain' } });
      state.targets.push((posts.at(-1) as { origin: string }).origin);
      return Response.json(state);
    }
    if (url.endsWith('/proxy/')) return Response.json(state);
    return new Response('not found', { status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return posts;
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{`${location.pathname}${location.search}`}</p>;
}

function show(service: ServiceConfig) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/']}>
        <Routes>
          <Route path="*" element={<><ProxyAccess service={service} /><Where /></>} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('letting the local proxy reach a service', () => {
  it('adds the origin only after confirmation, then offers to use the service through the proxy', async () => {
    const posts = fakeProxy({ targets: ['http://127.0.0.1:8080'], canAddTargets: true });
    const user = userEvent.setup();
    show(ESO);
    await user.click(await screen.findByRole('button', { name: 'Let the proxy forward to https://archive.eso.org…' }));
    const dialog = screen.getByRole('dialog', { name: 'Let the proxy forward to https://archive.eso.org?' });
    expect(dialog.textContent).toContain('proxy.config.json');
    expect(posts).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Add to the proxy' }));
    expect(posts).toEqual([{ origin: 'https://archive.eso.org' }]);
    await user.click(await screen.findByRole('button', { name: 'Use it through the proxy' }));
    expect(screen.getByTestId('where').textContent).toContain(encodeURIComponent('/proxy/https/archive.eso.org/tap_obs'));
  });

  it('sends nothing when the user cancels', async () => {
    const posts = fakeProxy({ targets: [], canAddTargets: true });
    const user = userEvent.setup();
    show(ESO);
    await user.click(await screen.findByRole('button', { name: /Let the proxy forward to/ }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posts).toEqual([]);
  });

  it("shows the proxy's reason when it refuses", async () => {
    fakeProxy({ targets: [], canAddTargets: true }, "The proxy's allowlist cannot be changed from here: the app is served on a network address.");
    const user = userEvent.setup();
    show(ESO);
    await user.click(await screen.findByRole('button', { name: /Let the proxy forward to/ }));
    await user.click(screen.getByRole('button', { name: 'Add to the proxy' }));
    expect((await screen.findByRole('alert')).textContent).toContain('served on a network address');
  });

  it('offers nothing for a service the browser can read directly', async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith('/proxy/')
        ? Response.json({ targets: [], canAddTargets: true })
        : new Response('<vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0"><vosi:available>true</vosi:available></vosi:availability>', {
            headers: { 'content-type': 'text/xml' },
          }),
    );
    vi.stubGlobal('fetch', fetchMock);
    // A service of its own: the app keeps one client per service, bound to the fetch of its time.
    show({ ...ESO, id: 'readable', tapUrl: 'https://tap.readable.example/tap' });
    await vi.waitFor(() => expect(fetchMock.mock.calls.map(([url]) => String(url))).toContain('https://tap.readable.example/tap/availability'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: 'Through the proxy' })).toBeNull();
  });

  it('offers nothing to add when the proxy does not allow it from here', async () => {
    const fetchMock = vi.fn(async () => Response.json({ targets: [], canAddTargets: false }));
    vi.stubGlobal('fetch', fetchMock);
    show(ESO);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: /Let the proxy forward to/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Through the proxy' })).toBeNull();
  });
});
