import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { chooseEncoding, CompressedFiles, isCompressible } from './compress.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Files smaller than this gain nothing from compression. */
const MIN_COMPRESSED_SIZE = 1024;
/** Vite's hashed output: `/assets/<name>-<hash>.<ext>`, the hash 8 characters of base64url. */
const HASHED_ASSET = /^\/assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

function withoutBrotli(acceptEncoding: string | undefined): string {
  return `${acceptEncoding ?? ''}, br;q=0`;
}

interface Found {
  file: string;
  size: number;
  mtimeMs: number;
}

/** The regular file `pathname` names inside `dist`. */
async function fileIn(dist: string, pathname: string): Promise<Found | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = resolve(dist, `.${decoded}`);
  if (file !== dist && !file.startsWith(dist + sep)) return undefined;
  try {
    const stats = await stat(file);
    return stats.isFile() ? { file, size: stats.size, mtimeMs: stats.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the built app from `dist`: client-side routes get index.html; hashed assets are
 * cached for a year as immutable, everything else revalidated (`no-cache`, with an ETag);
 * text is sent brotli- or gzip-compressed as the client's Accept-Encoding allows.
 */
export function createStaticHandler(options: { dist: string; headers: Record<string, string> }) {
  const dist = resolve(options.dist);
  const compressed = new CompressedFiles();

  const sendFile = async (req: IncomingMessage, res: ServerResponse, found: Found, pathname: string) => {
    const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    const compressible = isCompressible(type) && found.size >= MIN_COMPRESSED_SIZE;
    const version = versionOf(found);
    let encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : null;
    // Brotli at its best takes a while the first time: meanwhile gzip, where the client takes it.
    if (encoding === 'br' && !compressed.ready(found.file, version, 'br') && chooseEncoding(withoutBrotli(req.headers['accept-encoding'])) === 'gzip') {
      encoding = 'gzip';
    }
    const etag = `"${version}${encoding ? `-${encoding}` : ''}"`;
    const headers: Record<string, string | number> = {
      ...options.headers,
      'content-type': type,
      'cache-control': HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
    };
    if (compressible) headers.vary = 'Accept-Encoding';
    const match = req.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (encoding) {
      const body = await compressed.get(found.file, version, encoding);
      res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': found.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  };

  /** Compresses every compressible file of `dist` ahead of the first request for it. */
  const warm = async (): Promise<void> => {
    const entries = await readdir(dist, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const found = await fileIn(dist, `/${relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
      if (!found || found.size < MIN_COMPRESSED_SIZE || !isCompressible(TYPES[extname(found.file).toLowerCase()] ?? '')) continue;
      const version = versionOf(found);
      await Promise.all([compressed.get(found.file, version, 'gzip'), compressed.get(found.file, version, 'br')]);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...options.headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://app.invalid').pathname;
    const found = await fileIn(dist, pathname);
    if (found) {
      await sendFile(req, res, found, pathname);
      return;
    }
    // Client-side routes (no file extension) get the app; missing files get 404.
    const index = extname(pathname) === '' ? await fileIn(dist, '/index.html') : undefined;
    if (index) {
      await sendFile(req, res, index, '/index.html');
      return;
    }
    res.writeHead(404, { ...options.headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  };
  return Object.assign(handle, { warm });
}

function versionOf(found: Found): string {
  return `${found.size.toString(36)}-${Math.floor(found.mtimeMs).toString(36)}`;
}
