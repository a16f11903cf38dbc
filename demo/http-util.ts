/** Request parsing and response helpers shared by the service's endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorVotable } from './votable.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RequestParams {
  /** Parameters with lower-cased names, every value kept in order. */
  params: Map<string, string[]>;
  files: Map<string, UploadedFile>;
}

export const FORM_LIMIT = 1024 * 1024;
export const MULTIPART_LIMIT = 10 * 1024 * 1024;

export function addParam(params: Map<string, string[]>, name: string, value: string): void {
  const key = name.toLowerCase();
  const list = params.get(key);
  if (list) list.push(value);
  else params.set(key, [value]);
}

/** The last value of a parameter (case-insensitive name). */
export function param(p: RequestParams, name: string): string | undefined {
  const list = p.params.get(name.toLowerCase());
  return list ? list[list.length - 1] : undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(new HttpError(413, `Request body too large: ${declared} bytes, the limit is ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, `Request body too large: the limit is ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    // A client that goes away (or times out) before the end of its body.
    req.on('close', () => {
      if (!failed && !req.complete) {
        failed = true;
        reject(new HttpError(400, 'The request body broke off before its declared length'));
      }
    });
    req.on('error', () => {
      if (!failed) {
        failed = true;
        reject(new HttpError(400, 'The request body broke off before its declared length'));
      }
    });
  });
}

function headerParam(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function parseMultipart(body: Buffer, boundary: string, into: RequestParams): void {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new HttpError(400, 'Malformed multipart body: boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return;
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new HttpError(400, 'Malformed multipart body: part headers not terminated');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new HttpError(400, 'Malformed multipart body: closing boundary missing');
    const data = body.subarray(headerEnd + 4, next);
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = headerParam(disposition, 'name');
    if (!name) throw new HttpError(400, 'Malformed multipart body: a part has no name');
    const filename = headerParam(disposition, 'filename');
    const contentType = /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
    if (filename !== undefined) into.files.set(name, { filename, contentType, data: Buffer.from(data) });
    else addParam(into.params, name, data.toString('utf8'));
    pos = next + 2;
  }
}

/** Query-string parameters plus, for POST, the form or multipart body. */
export async function readParams(req: IncomingMessage, url: URL): Promise<RequestParams> {
  const out: RequestParams = { params: new Map(), files: new Map() };
  for (const [k, v] of url.searchParams) addParam(out.params, k, v);
  if (req.method !== 'POST' && req.method !== 'PUT') return out;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const boundary = headerParam(req.headers['content-type']!, 'boundary');
    if (!boundary) throw new HttpError(400, 'multipart/form-data without a boundary');
    parseMultipart(await readBody(req, MULTIPART_LIMIT), boundary, out);
    return out;
  }
  const body = await readBody(req, FORM_LIMIT);
  if (body.length === 0) return out;
  if (type === '' || type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) addParam(out.params, k, v);
    return out;
  }
  throw new HttpError(
    415,
    `Unsupported request body type "${type}"; send application/x-www-form-urlencoded or multipart/form-data`,
  );
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendXml(res: ServerResponse, xml: string, status = 200): void {
  sendText(res, status, xml, 'text/xml; charset=utf-8');
}

export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  sendText(res, status, errorVotable(message), 'application/x-votable+xml');
}

export function redirect(res: ServerResponse, location: string): void {
  const body = `See ${location}\n`;
  res.writeHead(303, { Location: location, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
