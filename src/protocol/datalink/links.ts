/**
 * The links document a DataLink service answers with (DataLink 1.1 §3): one
 * row per link, with the URL (or the service descriptor to call, or the
 * reason there is none), what it means, its media type and size.
 */
import { ProtocolError } from '../http/errors';
import type { VoTable } from '../votable/types';
import { readServiceDescriptors, type ServiceDescriptor } from './descriptors';

export interface DataLink {
  id: string;
  /** Only http(s) URLs are kept; anything else is dropped and noted in `refusedUrl`. */
  accessUrl: string | null;
  refusedUrl: string | null;
  /** The descriptor to call instead of a URL (service_def). */
  service: ServiceDescriptor | null;
  errorMessage: string | null;
  semantics: string;
  description: string | null;
  contentType: string | null;
  contentLength: number | null;
  contentQualifier: string | null;
  localSemantics: string | null;
}

/** The DataLink core vocabulary's terms in words (http://www.ivoa.net/rdf/datalink/core). */
const SEMANTICS: Record<string, string> = {
  '#this': 'The data set itself',
  '#progenitor': 'Data this data set was made from',
  '#derivation': 'Data made from this data set',
  '#auxiliary': 'Auxiliary data',
  '#bias': 'Bias calibration',
  '#dark': 'Dark calibration',
  '#flat': 'Flat-field calibration',
  '#calibration': 'Calibration data',
  '#preview': 'Preview',
  '#preview-image': 'Preview image',
  '#preview-plot': 'Preview plot',
  '#thumbnail': 'Thumbnail',
  '#proc': 'A service that processes the data',
  '#cutout': 'Cutout service',
  '#coderived': 'Data made from the same source',
  '#counterpart': 'Counterpart in another data collection',
  '#documentation': 'Documentation',
  '#detached-header': 'Header, detached from the data',
  '#noise': 'Noise map',
  '#weight': 'Weight map',
  '#error': 'Error map',
};

export function semanticsInWords(semantics: string): string {
  const key = semantics.trim();
  const term = key.startsWith('http://www.ivoa.net/rdf/datalink/core') ? key.slice(key.indexOf('#')) : key;
  return SEMANTICS[term.toLowerCase()] ?? term;
}

export function isPreview(link: DataLink): boolean {
  const s = link.semantics.toLowerCase();
  return (s === '#preview' || s === '#preview-image' || s === '#thumbnail') && !!link.accessUrl && (link.contentType ?? '').startsWith('image/');
}

function httpUrl(text: string | null): { url: string | null; refused: string | null } {
  if (!text) return { url: null, refused: null };
  try {
    const u = new URL(text);
    if (u.protocol === 'http:' || u.protocol === 'https:') return { url: u.toString(), refused: null };
  } catch {
    // Not a URL at all: shown as text below.
  }
  return { url: null, refused: text };
}

/** Read a links document already decoded; throws when it is not one. */
export function readLinks(doc: VoTable, url: string): DataLink[] {
  const table = doc.tables.find((t) => t.fields.some((f) => f.name.toLowerCase() === 'access_url'));
  if (!table) {
    if (doc.queryStatus?.status === 'ERROR') throw new ProtocolError(`The links service reported an error: ${doc.queryStatus.message}`, { url });
    throw new ProtocolError('The links service answered with a VOTable that has no access_url column, so it is not a DataLink links document.', { url });
  }
  const col = (name: string) => table.fields.findIndex((f) => f.name.toLowerCase() === name);
  const text = (row: number, c: number): string | null => {
    if (c < 0) return null;
    const v = table.cell(row, c);
    if (v === null || v === undefined) return null;
    const s = String(v).trim();
    return s === '' ? null : s;
  };
  const descriptors = readServiceDescriptors(doc);
  const c = {
    id: col('id'),
    access: col('access_url'),
    service: col('service_def'),
    error: col('error_message'),
    semantics: col('semantics'),
    description: col('description'),
    type: col('content_type'),
    length: col('content_length'),
    qualifier: col('content_qualifier'),
    local: col('local_semantics'),
  };
  const links: DataLink[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const { url: accessUrl, refused } = httpUrl(text(r, c.access));
    const serviceId = text(r, c.service);
    const length = Number(text(r, c.length));
    links.push({
      id: text(r, c.id) ?? '',
      accessUrl,
      refusedUrl: refused,
      service: serviceId ? (descriptors.find((d) => d.id === serviceId) ?? null) : null,
      errorMessage: text(r, c.error),
      semantics: text(r, c.semantics) ?? '',
      description: text(r, c.description),
      contentType: text(r, c.type),
      contentLength: Number.isFinite(length) && length >= 0 && text(r, c.length) !== null ? length : null,
      contentQualifier: text(r, c.qualifier),
      localSemantics: text(r, c.local),
    });
  }
  return links;
}
