/**
 * Tables described by a VOTable and stored in FITS: VOTable's FITS
 * serialization (<DATA><FITS extnum="N"><STREAM>) and fits-plus files.
 */

import type { DecodedData } from '../votable/document-builder';
import { VotableError, type VoField } from '../votable/types';
import { decodeFitsTable } from './fits-table';

/**
 * The fields of a table whose cells come from FITS and whose description
 * comes from a VOTable: the VOTable's metadata, the FITS column's type and
 * shape (which the stored cells follow), or null when the counts differ.
 */
export function mergeFields(fits: readonly VoField[], described: readonly VoField[]): VoField[] | null {
  if (fits.length !== described.length) return null;
  return fits.map((f, i) => {
    const d = described[i]!;
    const merged: VoField = { ...d, datatype: f.datatype, shape: f.shape };
    if (f.arraysize !== undefined) merged.arraysize = f.arraysize;
    else delete merged.arraysize;
    if (f.nullValue !== undefined) merged.nullValue = f.nullValue;
    else delete merged.nullValue;
    for (const key of ['unit', 'ucd', 'utype', 'description'] as const) {
      if (merged[key] === undefined && f[key] !== undefined) merged[key] = f[key];
    }
    return merged;
  });
}

/**
 * The data of a TABLE in the FITS serialization: the cells of the FITS
 * file's BINTABLE (extension `extnum` when the FITS element names one), and
 * the TABLE's FIELDs with the FITS columns' types.
 */
export function decodeFitsSerialization(
  fits: Uint8Array,
  extnum: string | undefined,
  fields: readonly VoField[],
  signal?: AbortSignal,
): { fields: VoField[]; data: DecodedData } {
  const n = extnum?.trim();
  const decoded = decodeFitsTable(fits, {
    ...(n !== undefined && /^\d+$/.test(n) ? { extnum: Number(n) } : {}),
    ...(signal ? { signal } : {}),
  });
  const merged = mergeFields(decoded.fields, fields);
  if (!merged) throw new VotableError('invalid-data', `The TABLE has ${fields.length} FIELDs, but its FITS data have ${decoded.fields.length} columns.`);
  return { fields: merged, data: { serialization: 'FITS', rows: decoded.rows, columns: decoded.columns } };
}
