/**
 * A UWS client whose every method is a vitest mock, for tests of views and
 * query hooks. Use it behind a mocked service client:
 *
 *   const uws = fakeUwsClient();
 *   vi.mock('../../api/service-client', () => ({
 *     getServiceClient: (service: ServiceConfig) => ({ tapUrl: service.tapUrl, transport: {}, uws }),
 *   }));
 *   beforeEach(() => resetFakeUwsClient(uws));
 */
import { vi, type Mock } from 'vitest';
import type { UwsClient } from '../protocol/uws/client';

type Methods<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };

export type FakeUwsClient = { [K in keyof Methods<UwsClient>]: Mock<Methods<UwsClient>[K]> } & { listUrl: string };

/** Every method is made on first use, so the fake follows UwsClient as it changes. */
export function fakeUwsClient(listUrl = 'http://tap.example/tap/async'): FakeUwsClient {
  const target: Record<string, unknown> = { listUrl };
  return new Proxy(target, {
    get(object, name) {
      if (typeof name === 'symbol' || name === 'then') return undefined;
      if (!(name in object)) object[name] = vi.fn();
      return object[name];
    },
  }) as FakeUwsClient;
}

/** Forget every call and every programmed answer. */
export function resetFakeUwsClient(fake: FakeUwsClient): void {
  for (const method of Object.values(fake as Record<string, unknown>)) if (vi.isMockFunction(method)) method.mockReset();
}
