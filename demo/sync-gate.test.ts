import { expect, test } from 'vitest';
import { HttpError } from './http-util.ts';
import { SyncGate } from './sync-gate.ts';

const never = new AbortController().signal;

test('turns pass in order to waiting requests, and a full queue is refused with 503 and Retry-After', async () => {
  const gate = new SyncGate(1, 1);
  const leaveFirst = await gate.enter(never);
  const order: string[] = [];
  const second = gate.enter(never).then((leave) => {
    order.push('second');
    return leave;
  });
  const refused = await gate.enter(never).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(HttpError);
  expect((refused as HttpError).status).toBe(503);
  expect((refused as HttpError).headers['Retry-After']).toBe('5');
  leaveFirst();
  leaveFirst();
  const leaveSecond = await second;
  expect(order).toEqual(['second']);
  expect(gate.runningCount).toBe(1);
  leaveSecond();
  expect(gate.runningCount).toBe(0);
});

test('a request whose client leaves while waiting gives up its place', async () => {
  const gate = new SyncGate(1, 1);
  const leave = await gate.enter(never);
  const client = new AbortController();
  const waiting = gate.enter(client.signal).catch(() => 'gone');
  client.abort();
  expect(await waiting).toBe('gone');
  expect(gate.waitingCount).toBe(0);
  const next = gate.enter(never);
  leave();
  await next;
  expect(gate.runningCount).toBe(1);
});
