/** Fault injection (`--faults X`): 500s, 503s, slow answers and dropped connections. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './http-util.ts';

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
