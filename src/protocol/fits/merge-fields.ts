/** Fields of a table described by a VOTable and stored in FITS. */

import type { VoField } from '../votable/types';

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
