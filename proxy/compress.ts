import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Types worth compressing: text, scripts, styles, JSON, SVG, WebAssembly. */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|manifest\+json|wasm|xml)|image\/svg\+xml)/.test(contentType);
}

/**
 * The encoding to answer with for an Accept-Encoding header: brotli when the client
 * takes it at least as gladly as gzip, else gzip, else none. `q=0` refuses an encoding;
 * `*` stands for any encoding not named.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
      if (m) q = Number(m[1]);
    }
    weights.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  const weight = (name: Encoding) => weights.get(name) ?? (name === 'gzip' ? weights.get('x-gzip') : undefined) ?? weights.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return null;
}

/**
 * Compressed copies of the app's files, made once per file version (path, size and
 * modification time) and kept in memory: the built app is a few megabytes, and its
 * hashed assets never change. Brotli at its best quality costs about a second for the
 * main chunk, once.
 */
export class CompressedFiles {
  private readonly cache = new Map<string, Promise<Buffer>>();
  private readonly done = new Set<string>();

  /** Whether the compressed copy is made already (starting it when not). */
  ready(file: string, version: string, encoding: Encoding): boolean {
    void this.get(file, version, encoding).catch(() => undefined);
    return this.done.has(`${encoding}\n${file}\n${version}`);
  }

  get(file: string, version: string, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}\n${file}\n${version}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = readFile(file).then((bytes) =>
        encoding === 'br'
          ? brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            })
          : gzipAsync(bytes, { level: 9 }),
      );
      // A failed read is not kept: the next request tries again.
      entry.then(
        () => this.done.add(key),
        () => this.cache.delete(key),
      );
      this.cache.set(key, entry);
    }
    return entry;
  }
}
