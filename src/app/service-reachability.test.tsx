// @vitest-environment jsdom
import { QueryClient, QueryClientProvider, focusManager } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobKeys } from '../api';
import { fakeFetch } from '../protocol/http/fake-fetch';
import { createTransport, type Transport } from '../protocol/http/transport';
import type { ServiceConfig } from '../lib/services';
import { ServiceReachability } from './service-reachability';

const holder: { transport: Transport | null } = { transport: null };
vi.mock('../api/service-transport', async (original) => ({
  ...(await original<typeof import('../api/service-transport')>()),
  getServiceTransport: () => holder.transport,
}));

const AVAILABLE =
  '<avl:availability xmlns:avl="http://www.ivoa.net/xml/VOSIAvailability/v1.0"><avl:available>true</avl:available></avl:availability>';

const demo: ServiceConfig = { id: 'demo', label: 'uws-desk demo', tapUrl: 'http://127.0.0.1:8421/tap', credential: { kind: 'none' }, preset: true };
const other: ServiceConfig = { id: 'x', label: 'Other TAP', tapUrl: 'http://tap.example/tap', credential: { kind: 'none' }, preset: false };

/** A service that cannot be reached until `up()` is called. */
function startingService() {
  let isUp = false;
  const fake = fakeFetch(() => {
    if (!isUp) throw new TypeError('Failed to fetch');
    return { body: AVAILABLE, headers: { 'content-type': 'text/xml' } };
  });
  holder.transport = createTransport({ fetch: fake.fetch });
  return { fake, up: () => (isUp = true) };
}

function show(service: ServiceConfig) {
  const client = new QueryClient({ defaultOptions: { queries: { retryDelay: 10 } } });
  render(
    <QueryClientProvider client={client}>
      <ServiceReachability service={service} />
    </QueryClientProvider>,
  );
  return client;
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers();
  focusManager.setFocused(true);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  focusManager.setFocused(undefined);
});

describe('ServiceReachability', () => {
  it('says the demo service is starting, counts down to the next check, and goes away when it answers', async () => {
    const service = startingService();
    const client = show(demo);
    client.setQueryData(jobKeys.list(demo, {}), []);
    await advance(100);
    expect(screen.getByTestId('service-reachability').textContent).toMatch(/Waiting for the demo service to start/);
    expect(screen.getByTestId('retry-countdown').textContent).toMatch(/Trying again in [12] s\./);
    const asked = service.fake.requests.length;
    await advance(2_500);
    expect(service.fake.requests.length).toBeGreaterThan(asked);

    service.up();
    await advance(35_000);
    expect(screen.queryByTestId('service-reachability')).toBeNull();
    // What was read from the service before is read again.
    expect(client.getQueryState(jobKeys.list(demo, {}))?.isInvalidated).toBe(true);
  });

  it('waits longer after each failed check, up to 30 s, and then says the demo service is not answering', async () => {
    const service = startingService();
    const t0 = Date.now();
    const at: number[] = [];
    const record = service.fake.requests.push.bind(service.fake.requests);
    service.fake.requests.push = (...items) => {
      at.push(Date.now() - t0);
      return record(...items);
    };
    show(demo);
    await advance(5 * 60_000);
    // Each check is one request and two quick retries; the checks start 2, 4, 8, 16, then 30 s apart.
    const starts = at.filter((t, i) => i === 0 || t - at[i - 1]! > 1_000);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(gaps.slice(0, 4).map((g) => Math.round(g / 1000))).toEqual([2, 4, 8, 16]);
    expect(gaps.slice(4).every((g) => g >= 29_000 && g <= 31_000)).toBe(true);
    expect(at.length).toBeLessThanOrEqual(3 * 15);
    expect(screen.getByTestId('service-reachability').textContent).toMatch(/The demo service is not answering/);
  });

  it('checks at once on “Retry now”', async () => {
    const service = startingService();
    show(other);
    await advance(100);
    expect(screen.getByTestId('service-reachability').textContent).toMatch(/Other TAP cannot be reached/);
    service.up();
    const asked = service.fake.requests.length;
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    await advance(50);
    expect(service.fake.requests.length).toBe(asked + 1);
    expect(screen.queryByTestId('service-reachability')).toBeNull();
  });
});
