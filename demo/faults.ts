/**
 * Fault injection: `--faults X` (500s, 503s, slow answers and dropped
 * connections at random) and `--fail-every-other` (a deterministic 503 on
 * every second request).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendText } from './http-util.ts';

export type FaultKind = '500' | '503' | 'slow' | 'drop';

/** Picks a fault for the share `share` (0..1) of requests, each kind equally likely. */
export function pickFault(share: number): () => FaultKind | undefined {
  const kinds: FaultKind[] = ['500', '503', 'slow', 'drop'];
  return () => (Math.random() < share ? kinds[Math.floor(Math.random() * kinds.length)] : undefined);
}

/**
 * Applies the fault picked for this request, before it is handled, so that a
 * failed request changes nothing. True when the fault already answered it.
 */
export async function injectFault(req: IncomingMessage, res: ServerResponse, picker: () => FaultKind | undefined): Promise<boolean> {
  const fault = picker();
  if (fault === 'drop') {
    req.socket.destroy();
    return true;
  }
  if (fault === '500') {
    sendError(res, 500, 'Internal server error (injected fault)');
    return true;
  }
  if (fault === '503') {
    sendError(res, 503, 'Service temporarily unavailable (injected fault)', { 'Retry-After': '1' });
    return true;
  }
  if (fault === 'slow') await new Promise((r) => setTimeout(r, 1500 + Math.random() * 2500));
  return false;
}

/** The class of requests a path belongs to, each with its own count: the UWS job list and jobs, sync, the rest. */
export function pathClass(path: string): 'uws' | 'sync' | 'other' {
  if (path === '/tap/async' || path.startsWith('/tap/async/')) return 'uws';
  if (path === '/tap/sync') return 'sync';
  return 'other';
}

/**
 * `--fail-every-other`: counts requests per path class and fails every
 * second one of each class (the 2nd, 4th, ...), so that a creating POST that
 * is answered is followed by a read of the new job that fails, and a failed
 * one by a read that succeeds. True when the request is to fail.
 */
export function everyOtherRequest(): (path: string) => boolean {
  const counts = new Map<string, number>();
  return (path) => {
    const cls = pathClass(path);
    const n = (counts.get(cls) ?? 0) + 1;
    counts.set(cls, n);
    return n % 2 === 0;
  };
}

/** The answer of a failing request under `--fail-every-other`: a bare 503, as an overloaded front end sends it. */
export function sendEveryOtherFault(res: ServerResponse): void {
  sendText(res, 503, 'Service temporarily unavailable (every other request fails)\n');
}
