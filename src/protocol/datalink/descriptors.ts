/**
 * DataLink service descriptors (DataLink 1.1 §4): a `RESOURCE type="meta"
 * utype="adhoc:service"` that says how to call a service for a row of a
 * table: its access URL, its standard, and its input parameters, each either
 * fixed (a value), taken from a column of the row (`ref`), or for the user to
 * fill in (with VALUES ranges and options).
 */
import type { VoField, VoGroup, VoParam, VoResourceData, VoTableData } from '../votable/types';

export const LINKS_STANDARD = 'ivo://ivoa.net/std/DataLink#links';
export const SODA_SYNC_STANDARD = 'ivo://ivoa.net/std/SODA#sync';

export interface DescriptorParam {
  name: string;
  datatype: string;
  arraysize?: string;
  unit?: string;
  ucd?: string;
  xtype?: string;
  description?: string;
  /** ID or name of the FIELD whose value in the row is sent. */
  ref?: string;
  /** A fixed value ('' when the user chooses). */
  value: string;
  min?: string;
  max?: string;
  options: { name?: string; value: string }[];
}

export interface ServiceDescriptor {
  /** The RESOURCE's ID, which a links row's service_def names. */
  id?: string;
  name?: string;
  description?: string;
  accessUrl: string;
  standardId?: string;
  resourceIdentifier?: string;
  contentType?: string;
  inputParams: DescriptorParam[];
}

function toParam(p: VoParam): DescriptorParam {
  return {
    name: p.name,
    datatype: p.datatype,
    arraysize: p.arraysize,
    unit: p.unit,
    ucd: p.ucd,
    xtype: p.xtype,
    description: p.description,
    ref: p.ref,
    value: p.value ?? '',
    min: p.values?.min,
    max: p.values?.max,
    options: p.values?.options ?? [],
  };
}

function paramValue(params: VoParam[], name: string): string | undefined {
  const v = params.find((p) => p.name.toLowerCase() === name.toLowerCase())?.value?.trim();
  return v ? v : undefined;
}

function isServiceResource(r: VoResourceData): boolean {
  return r.type?.toLowerCase() === 'meta' && r.utype?.toLowerCase() === 'adhoc:service';
}

function inputGroup(groups: VoGroup[]): VoGroup | undefined {
  return groups.find((g) => g.name?.toLowerCase() === 'inputparams');
}

function allResources(resources: VoResourceData[]): VoResourceData[] {
  return resources.flatMap((r) => [r, ...allResources(r.resources)]);
}

/** Every service descriptor in a document, in document order. A descriptor without an access URL is left out. */
export function readServiceDescriptors(doc: Pick<VoTableData, 'resources'>): ServiceDescriptor[] {
  const out: ServiceDescriptor[] = [];
  for (const r of allResources(doc.resources)) {
    if (!isServiceResource(r)) continue;
    const accessUrl = paramValue(r.params, 'accessURL');
    if (!accessUrl) continue;
    out.push({
      id: r.id,
      name: r.name,
      description: r.description,
      accessUrl,
      standardId: paramValue(r.params, 'standardID'),
      resourceIdentifier: paramValue(r.params, 'resourceIdentifier'),
      contentType: paramValue(r.params, 'contentType'),
      inputParams: (inputGroup(r.groups)?.params ?? []).map(toParam),
    });
  }
  return out;
}

export function isLinksService(d: ServiceDescriptor): boolean {
  return d.standardId?.startsWith(LINKS_STANDARD) ?? false;
}

export function isSodaSync(d: ServiceDescriptor): boolean {
  return d.standardId?.startsWith(SODA_SYNC_STANDARD) ?? false;
}

/** The column a descriptor's parameter takes its value from, by FIELD ID first, then by name. */
export function refColumn(fields: readonly VoField[], ref: string): number {
  const byId = fields.findIndex((f) => f.id === ref);
  return byId >= 0 ? byId : fields.findIndex((f) => f.name === ref);
}

/**
 * The links service of a results table: a DataLink descriptor whose
 * parameters refer to columns of `fields`. Null when the table has none.
 */
export function linksServiceFor(doc: Pick<VoTableData, 'resources'>, fields: readonly VoField[]): ServiceDescriptor | null {
  for (const d of readServiceDescriptors(doc)) {
    if (!isLinksService(d)) continue;
    if (d.inputParams.some((p) => p.ref && refColumn(fields, p.ref) >= 0)) return d;
  }
  return null;
}

/**
 * The URL that calls a descriptor's service for one row: fixed values as
 * given, `ref` parameters from the row's cells (`cellText`), user values
 * from `chosen`. Empty values are left out.
 */
export function descriptorUrl(
  d: ServiceDescriptor,
  fields: readonly VoField[],
  cellText: (column: number) => string | null,
  chosen: Record<string, string> = {},
): string {
  const url = new URL(d.accessUrl);
  for (const p of d.inputParams) {
    let value = chosen[p.name] ?? p.value;
    if (p.ref) {
      const col = refColumn(fields, p.ref);
      value = (col >= 0 ? cellText(col) : null) ?? '';
    }
    if (value.trim() !== '') url.searchParams.append(p.name, value.trim());
  }
  return url.toString();
}
