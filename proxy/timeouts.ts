import type { ClientRequest } from 'node:http';

/**
 * Gives up on an upstream that does not connect within `connectMs`, or stays silent for
 * `idleMs` (before its answer or inside its body). The error handler then answers 504.
 */
export function watchTimeouts(proxyReq: ClientRequest, exchange: { timedOut?: string }, connectMs: number, idleMs: number): void {
  const socket = proxyReq.socket;
  const giveUp = (what: string) => {
    exchange.timedOut = what;
    proxyReq.destroy(new Error(what));
  };
  if (socket?.connecting) {
    const timer = setTimeout(() => giveUp(`no connection within ${seconds(connectMs)}`), connectMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  }
  proxyReq.setTimeout(idleMs, () => giveUp(`no data for ${seconds(idleMs)}`));
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
