/** Turns TAP request parameters into a query the engine can run. */
import { AdqlError } from './adql/lexer.ts';
import { translate } from './adql/to-sql.ts';
import type { TableMeta } from './catalogue.ts';
import { catalogueWith } from './extra-tables.ts';
import type { RunInput } from './engine/pool.ts';
import type { UploadTable } from './engine/protocol.ts';
import { HttpError, type UploadedFile } from './http-util.ts';
import { parseUpload } from './upload.ts';
import { fetchUpload, type UploadPolicy } from './upload-fetch.ts';
import { parseFormat } from './votable.ts';
import { QueryError } from './query-error.ts';

export interface Limits {
  maxrecDefault: number;
  maxrecLimit: number;
  /** Synthetic extra tables published besides the demo catalogue. */
  extraTables?: number;
}

/** Results stop growing (and are marked as overflowed) beyond this size on disk. */
export const RESULT_MAX_BYTES = 512 * 1024 * 1024;

/** Parameters of a TAP query, names lower-cased. */
export type QueryParams = ReadonlyMap<string, string>;

const UPLOAD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Parses UPLOAD=name,uri[;name,uri...]: param:x refers to a file part of the
 * request, http(s) URIs are read by the service (public addresses only,
 * unless the policy allows private ones).
 */
export async function resolveUploads(
  spec: string | undefined,
  files: ReadonlyMap<string, UploadedFile>,
  policy: UploadPolicy,
): Promise<UploadTable[]> {
  if (!spec || spec.trim() === '') return [];
  const out: UploadTable[] = [];
  for (const item of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
    const comma = item.indexOf(',');
    if (comma < 0) throw new QueryError(`UPLOAD "${item}" must be of the form name,param:partname`);
    const name = item.slice(0, comma).trim();
    const uri = item.slice(comma + 1).trim();
    if (!UPLOAD_NAME.test(name)) throw new QueryError(`UPLOAD table name "${name}" is not a valid ADQL identifier`);
    if (out.some((u) => u.name === name.toLowerCase())) throw new QueryError(`UPLOAD table name "${name}" is used twice`);
    let file: UploadedFile | undefined;
    if (/^https?:\/\//i.test(uri)) file = await fetchUpload(name, uri, policy);
    else if (uri.startsWith('param:')) {
      file = files.get(uri.slice(6));
      if (!file) throw new QueryError(`UPLOAD of "${name}": the request has no file part named "${uri.slice(6)}"`);
    } else {
      throw new QueryError(`UPLOAD of "${name}": "${uri}" is neither param:partname nor an http(s) URL`);
    }
    out.push({ name: name.toLowerCase(), ...parseUpload(file.data, file.contentType, file.filename, name) });
  }
  return out;
}

export function uploadTableMeta(u: UploadTable): TableMeta {
  return { schema: 'TAP_UPLOAD', name: `TAP_UPLOAD.${u.name}`, type: 'table', description: 'Uploaded table', columns: u.columns };
}

/**
 * Validates LANG, QUERY, MAXREC, RESPONSEFORMAT/FORMAT and UPLOAD, translates
 * the ADQL and returns what the engine needs (without the output path).
 */
export function prepareQuery(
  params: QueryParams,
  uploads: UploadTable[],
  limits: Limits,
): Omit<RunInput, 'outPath'> & { mime: string } {
  const request = params.get('request');
  if (request !== undefined && request !== '' && request.toLowerCase() !== 'doquery') {
    throw new QueryError(`REQUEST=${request} is not supported; use REQUEST=doQuery or leave it out`);
  }
  const lang = params.get('lang');
  if (lang === undefined || lang.trim() === '') throw new QueryError('LANG is missing; use LANG=ADQL');
  if (!/^ADQL(-2\.[01])?$/i.test(lang.trim())) throw new QueryError(`LANG=${lang} is not supported; use LANG=ADQL`);
  const query = params.get('query');
  if (query === undefined || query.trim() === '') throw new QueryError('QUERY is missing');
  const formatValue = params.get('responseformat') ?? params.get('format');
  const format = parseFormat(formatValue);
  if (!format) {
    throw new QueryError(`RESPONSEFORMAT=${formatValue} is not supported; see the capabilities for the output formats`);
  }
  let maxrec = limits.maxrecDefault;
  const maxrecValue = params.get('maxrec');
  if (maxrecValue !== undefined && maxrecValue.trim() !== '') {
    if (!/^\s*\d+\s*$/.test(maxrecValue)) throw new QueryError(`MAXREC=${maxrecValue} is not a non-negative integer`);
    maxrec = Math.min(Number(maxrecValue), limits.maxrecLimit);
  }
  const tables = [...catalogueWith(limits.extraTables ?? 0).tables, ...uploads.map(uploadTableMeta)];
  // One row beyond MAXREC tells whether the result overflowed.
  const tr = translate(query, { tables, limit: maxrec + 1 });
  return {
    sql: tr.sql,
    columns: tr.columns,
    format: format.format,
    mime: format.mime,
    maxrec,
    maxBytes: RESULT_MAX_BYTES,
    query,
    uploads: uploads.filter((u) => tr.uploads.includes(u.name)),
  };
}

export const isUserError = (e: unknown): e is Error => e instanceof QueryError || e instanceof AdqlError || e instanceof HttpError;

/** Awaits `work`, turning a mistake in the request into a 400 answer. */
export async function badRequestOnUserError<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUserError(e)) throw new HttpError(400, e.message);
    throw e;
  }
}
