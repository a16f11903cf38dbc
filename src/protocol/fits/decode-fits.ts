/**
 * A FITS file as a decoded VOTable document (the shape every result view
 * takes): its first BINTABLE (see fits-table.ts) in one table of one
 * resource. A fits-plus file (STIL's: the primary HDU holds a VOTable
 * describing the table, flagged VOTMETA = T) gives the document its
 * resources, INFOs and PARAMs, and the columns their UCDs, descriptions
 * and other metadata; the FITS data decide the cells.
 */

import { decodeVotableData } from '../votable/parse-votable';
import { VotableError, type VoResourceData, type VoTableData, type VoTableTableData } from '../votable/types';
import { intValue, type FitsHeader } from './header';
import { decodeFitsTable, type FitsOptions, type FitsTable } from './fits-table';
import { mergeFields } from './votable-fits';

/** The VOTable text of a fits-plus primary HDU, or null. */
function votmetaText(bytes: Uint8Array, primary: FitsHeader): string | null {
  if (primary.values.get('VOTMETA') !== true) return null;
  try {
    if (intValue(primary, 'BITPIX') !== 8 || intValue(primary, 'NAXIS') !== 1) return null;
    const length = intValue(primary, 'NAXIS1');
    if (length <= 0 || primary.dataStart + length > bytes.length) return null;
    return new TextDecoder('utf-8').decode(bytes.subarray(primary.dataStart, primary.dataStart + length));
  } catch {
    return null;
  }
}

function firstTable(resources: VoResourceData[]): { resource: VoResourceData; index: number } | null {
  for (const resource of resources) {
    if (resource.tables.length > 0) return { resource, index: 0 };
    const inner = firstTable(resource.resources);
    if (inner) return inner;
  }
  return null;
}

function plainTable(table: FitsTable): VoTableTableData {
  const t: VoTableTableData = {
    fields: table.fields,
    params: [],
    groups: [],
    infos: [],
    links: [],
    serialization: 'FITS',
    rowCount: table.rows,
    columns: table.columns,
  };
  if (table.name !== undefined) t.name = table.name;
  return t;
}

/** The document a fits-plus file's metadata make, with the table's cells in place; null when it has none that fits. */
function withVotmeta(text: string, table: FitsTable): VoTableData | null {
  let doc: VoTableData;
  try {
    doc = decodeVotableData(text);
  } catch {
    // Metadata that do not parse: the table is still read, with the FITS header's own.
    return null;
  }
  const found = firstTable(doc.resources);
  if (!found) return null;
  const described = found.resource.tables[found.index]!;
  const fields = mergeFields(table.fields, described.fields);
  if (!fields) return null;
  found.resource.tables[found.index] = { ...described, ...plainTable(table), fields, name: described.name ?? table.name };
  return doc;
}

/** Decodes a FITS file's table into a document (see the module comment). */
export function decodeFits(bytes: Uint8Array, options: FitsOptions = {}): VoTableData {
  const table = decodeFitsTable(bytes, options);
  const meta = votmetaText(bytes, table.primary);
  const described = meta !== null ? withVotmeta(meta, table) : null;
  if (described) return described;
  const resource: VoResourceData = { infos: [], params: [], groups: [], coosys: [], timesys: [], links: [], tables: [plainTable(table)], resources: [] };
  return { version: '', infos: [], params: [], groups: [], coosys: [], timesys: [], resources: [resource], queryStatus: null, warnings: [] };
}

/** A gzip-compressed file inflates to at most this many times its size, and never beyond MAX_INFLATED bytes. */
const MAX_RATIO = 64;
const MAX_INFLATED = 2 ** 31;

/** Inflates gzip content (as `.fits.gz` files come), bounded so that a small file cannot expand without limit. */
async function gunzipBounded(bytes: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') throw new VotableError('not-supported', 'This gzip-compressed FITS file needs DecompressionStream, which this platform lacks.');
  const limit = Math.min(MAX_INFLATED, bytes.length * MAX_RATIO);
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (signal?.aborted) throw new VotableError('aborted', 'Decoding was aborted.', { cause: signal.reason });
      length += value.length;
      if (length > limit) throw new VotableError('too-large', `The gzip-compressed FITS file inflates to more than ${limit} bytes.`);
      parts.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    if (error instanceof VotableError) throw error;
    throw new VotableError('malformed', 'The gzip-compressed FITS file could not be inflated.', { cause: error });
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** decodeFits for a result as it came: gzip-compressed FITS is inflated first. */
export async function decodeFitsResult(bytes: Uint8Array, options: FitsOptions = {}): Promise<VoTableData> {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return decodeFits(gzipped ? await gunzipBounded(bytes, options.signal) : bytes, options);
}
