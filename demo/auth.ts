/** Bearer-token mode (`--auth T:O,...`): who is asking. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-util.ts';

/**
 * The owner of the request's bearer token, or undefined when the service runs
 * without tokens. A missing or unknown token is a 401 with WWW-Authenticate.
 */
export function ownerOf(req: IncomingMessage, auth: ReadonlyMap<string, string> | undefined): string | undefined {
  if (!auth) return undefined;
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  if (!m) {
    throw new HttpError(401, 'Authentication required: send Authorization: Bearer <token>', {
      'WWW-Authenticate': 'Bearer realm="uws-desk demo"',
    });
  }
  const who = auth.get(m[1]!);
  if (who === undefined) {
    throw new HttpError(401, 'Invalid bearer token', {
      'WWW-Authenticate': 'Bearer realm="uws-desk demo", error="invalid_token"',
    });
  }
  return who;
}
