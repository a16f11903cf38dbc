/** CORS: which origins may read the service's answers, and the preflight answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** false: no CORS headers; 'loopback': any loopback origin; or a list of origins ('*' allows any). */
export type CorsSetting = false | 'loopback' | string[];

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const EXPOSED = 'Location, Content-Type, Content-Length, Content-Disposition, WWW-Authenticate, Retry-After';
const METHODS = 'GET, POST, DELETE, OPTIONS';

export function originAllowed(cors: CorsSetting, origin: string | undefined): boolean {
  if (!origin || cors === false) return false;
  if (cors === 'loopback') return LOOPBACK_ORIGIN.test(origin);
  return cors.includes(origin) || cors.includes('*');
}

/** Sets the CORS headers every response carries (303s and errors included). */
export function applyCors(cors: CorsSetting, req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (originAllowed(cors, origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin!);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  }
  if (cors !== false) res.setHeader('Vary', 'Origin');
}

/** Answers an OPTIONS request (a preflight when it asks for a method). */
export function answerPreflight(cors: CorsSetting, req: IncomingMessage, res: ServerResponse): void {
  if (originAllowed(cors, req.headers.origin) && req.headers['access-control-request-method']) {
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', '600');
  }
  res.setHeader('Allow', METHODS);
  res.writeHead(204);
  res.end();
}
