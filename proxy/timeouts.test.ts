import { EventEmitter } from 'node:events';
import type { ClientRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTimeouts } from './timeouts.ts';

/** An upstream request whose socket is still connecting, as a host that never answers a SYN leaves it. */
function pendingRequest() {
  const socket = Object.assign(new EventEmitter(), { connecting: true });
  const destroyed: Error[] = [];
  const request = {
    socket,
    setTimeout: vi.fn(),
    destroy: (error: Error) => destroyed.push(error),
  };
  return { request: request as unknown as ClientRequest, socket, destroyed, setTimeoutMock: request.setTimeout };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('upstream connect timeout', () => {
  it('gives up on a connection that is not made in time, and says so', () => {
    vi.useFakeTimers();
    const { request, destroyed } = pendingRequest();
    const exchange: { timedOut?: string } = {};
    watchTimeouts(request, exchange, 10_000, 120_000);
    vi.advanceTimersByTime(9_999);
    expect(destroyed).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(exchange.timedOut).toBe('no connection within 10 s');
    expect(destroyed[0]?.message).toBe('no connection within 10 s');
  });

  it('leaves a connection alone once it is made, and then watches for silence', () => {
    vi.useFakeTimers();
    const { request, socket, destroyed, setTimeoutMock } = pendingRequest();
    const exchange: { timedOut?: string } = {};
    watchTimeouts(request, exchange, 10_000, 120_000);
    socket.emit('connect');
    vi.advanceTimersByTime(60_000);
    expect(destroyed).toHaveLength(0);
    expect(setTimeoutMock).toHaveBeenCalledWith(120_000, expect.any(Function));
    (setTimeoutMock.mock.calls[0]![1] as () => void)();
    expect(exchange.timedOut).toBe('no data for 120 s');
  });
});
