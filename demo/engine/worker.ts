/**
 * A query engine thread: one PGlite database holding the demo catalogue.
 * PGlite blocks the thread it runs on, so every query runs here, never on the
 * HTTP server's thread; the server terminates this thread to stop a query.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { buildSql } from '../catalogue-sql.ts';
import { extraTapSchemaSql } from '../extra-tables.ts';
import { ResultWriter, type ResultField } from '../votable.ts';
import type { RunRequest, WorkerData, WorkerMessage } from './protocol.ts';
import { fieldFor } from './types.ts';

const config = workerData as WorkerData;
const cancelFlag = new Int32Array(config.cancelBuffer);
/** The server asked to give up this query (its client went away). */
const cancelled = (req: RunRequest) => Atomics.load(cancelFlag, 0) === req.id;

class Cancelled extends Error {}
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

const FETCH_ROWS = 5000;
const parsers = {
  20: (v: string) => BigInt(v),
  1700: (v: string) => Number(v),
  1082: (v: string) => v,
  1114: (v: string) => v.replace(' ', 'T'),
  1184: (v: string) => v.replace(' ', 'T'),
};

const LOCK_STALE_MS = 300_000;

/**
 * Takes the build lock, or waits while another process (several demo services
 * may start at once) builds the image. True when this thread should build.
 */
async function lockOrWait(file: string, lock: string): Promise<boolean> {
  mkdirSync(config.cacheDir, { recursive: true });
  for (;;) {
    if (existsSync(file)) return false;
    try {
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if (age > LOCK_STALE_MS) {
        rmSync(lock, { force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function open(): Promise<{ db: PGlite; source: 'cache' | 'built' }> {
  const sql = buildSql(config.rows) + extraTapSchemaSql(config.extraTables ?? 0);
  const key = createHash('sha256').update(sql).digest('hex').slice(0, 16);
  const file = join(config.cacheDir, `catalogue-${config.rows}-${key}.tar`);
  const lock = `${file}.lock`;
  if (!(await lockOrWait(file, lock))) {
    try {
      const db = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
      return { db, source: 'cache' };
    } catch {
      // A damaged image is rebuilt below.
      rmSync(file, { force: true });
      if (!(await lockOrWait(file, lock))) return open();
    }
  }
  try {
    return { db: await build(sql, file), source: 'built' };
  } finally {
    rmSync(lock, { force: true });
  }
}

async function build(sql: string, file: string): Promise<PGlite> {
  const db = await PGlite.create();
  await db.exec(sql);
  const dump = await db.dumpDataDir('none');
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
  return db;
}

const sqlLiteral = (v: unknown): string => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `'${String(v)}'`;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${String(v).replace(/'/g, "''")}'`;
};

async function run(db: PGlite, req: RunRequest): Promise<WorkerMessage> {
  let fd: number | undefined;
  let bytes = 0;
  await db.exec('BEGIN');
  try {
    for (const u of req.uploads) {
      const table = `tap_upload."${u.name}"`;
      await db.exec(`CREATE TABLE ${table} (${u.columns.map((c) => `"${c.name.toLowerCase()}" ${c.sqlType}`).join(', ')})`);
      for (let i = 0; i < u.rows.length; i += 500) {
        if (cancelled(req)) throw new Cancelled();
        const values = u.rows
          .slice(i, i + 500)
          .map((r) => `(${u.columns.map((_, j) => sqlLiteral(r[j])).join(', ')})`)
          .join(', ');
        await db.exec(`INSERT INTO ${table} VALUES ${values}`);
      }
    }
    await db.query(`DECLARE result NO SCROLL CURSOR FOR ${req.sql}`);
    if (cancelled(req)) throw new Cancelled();
    fd = openSync(req.outPath, 'w');
    const out = fd;
    const sink = (chunk: string | Buffer) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      writeSync(out, buf);
      bytes += buf.length;
    };
    let writer: ResultWriter | undefined;
    let count = 0;
    let overflow = false;
    for (;;) {
      if (cancelled(req)) throw new Cancelled();
      const res = await db.query<unknown[]>(`FETCH ${FETCH_ROWS} FROM result`, [], { rowMode: 'array', parsers });
      if (!writer) {
        const fields: ResultField[] = res.fields.map((f, i) => fieldFor(req.columns[i], f.name, f.dataTypeID));
        writer = new ResultWriter(req.format, fields, sink, { query: req.query });
        writer.begin();
      }
      let rows = res.rows;
      if (count + rows.length > req.maxrec) {
        rows = rows.slice(0, req.maxrec - count);
        overflow = true;
      }
      writer.rows(rows);
      count += rows.length;
      if (bytes > req.maxBytes && res.rows.length === FETCH_ROWS) overflow = true;
      if (overflow || res.rows.length < FETCH_ROWS) break;
    }
    writer.end(overflow);
    return { type: 'done', id: req.id, rowCount: count, overflow, bytes };
  } catch (e) {
    return { type: 'failed', id: req.id, message: e instanceof Cancelled ? 'cancelled' : e instanceof Error ? e.message : String(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (cancelled(req)) rmSync(req.outPath, { force: true });
    await db.exec('ROLLBACK');
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const { db, source } = await open();
  post({ type: 'ready', ms: Date.now() - t0, source });
  let chain = Promise.resolve();
  parentPort!.on('message', (req: RunRequest) => {
    chain = chain.then(async () => post(await run(db, req)));
  });
}

main().catch((e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }));
