/**
 * VOTable export of the rows shown (filtered, chosen in a plot, sorted): a
 * VOTable 1.4 document with TABLEDATA that TOPCAT, astropy and STIL read as the
 * original table. The header is kept whole: fields with their IDs, units,
 * UCDs, descriptions, VALUES and LINKs, the table's PARAMs and GROUPs, the
 * coordinate and time systems, the result's INFOs, and the DataLink service
 * descriptors (RESOURCE type="meta") that refer to the fields by ID, so that
 * the rows written keep their links.
 *
 * Nulls are empty cells; floating-point values are written exactly (shortest
 * round-trip form, float32 for float), infinities as +Inf and -Inf; text that
 * XML cannot hold (control characters) is left out.
 */
import type { Cell, VoCoosys, VoDatatype, VoField, VoGroup, VoInfo, VoLink, VoParam, VoResource, VoTable, VoTableTable, VoTimesys } from '../../protocol/votable/types';
import { formatNumber } from './format-cell';

// Characters XML 1.0 allows; everything else (C0 controls, lone surrogates, U+FFFE/FFFF) is dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function xmlAttribute(text: string): string {
  return xmlText(text).replaceAll('"', '&quot;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');
}

function attrs(pairs: [string, string | number | undefined][]): string {
  return pairs.map(([k, v]) => (v === undefined || v === '' ? '' : ` ${k}="${xmlAttribute(String(v))}"`)).join('');
}

function description(text: string | undefined): string {
  return text ? `<DESCRIPTION>${xmlText(text)}</DESCRIPTION>` : '';
}

function linkXml(link: VoLink): string {
  return `<LINK${attrs([
    ['ID', link.id],
    ['content-role', link.contentRole],
    ['content-type', link.contentType],
    ['title', link.title],
    ['value', link.value],
    ['href', link.href],
    ['action', link.action],
  ])}/>`;
}

function infoXml(info: VoInfo): string {
  const open = `<INFO${attrs([
    ['ID', info.id],
    ['name', info.name],
    ['value', info.value],
    ['unit', info.unit],
    ['xtype', info.xtype],
    ['ref', info.ref],
    ['ucd', info.ucd],
    ['utype', info.utype],
  ])}`;
  return info.content ? `${open}>${xmlText(info.content)}</INFO>` : `${open}/>`;
}

function fieldXml(field: VoField, tag: 'FIELD' | 'PARAM', value?: string): string {
  const head = `<${tag}${attrs([
    ['name', field.name],
    ['ID', field.id],
    ['datatype', field.datatype],
    ['arraysize', field.arraysize],
    ['unit', field.unit],
    ['ucd', field.ucd],
    ['utype', field.utype],
    ['xtype', field.xtype],
    ['precision', field.precision],
    ['width', field.width],
    ['ref', field.ref],
  ])}${value === undefined ? '' : ` value="${xmlAttribute(value)}"`}`;
  const v = field.values;
  const nullValue = v?.null ?? field.nullValue;
  const values =
    v || nullValue !== undefined
      ? `<VALUES${attrs([['null', nullValue]])}>${v?.min !== undefined ? `<MIN${attrs([['value', v.min]])}/>` : ''}${v?.max !== undefined ? `<MAX${attrs([['value', v.max]])}/>` : ''}${(v?.options ?? []).map((o) => `<OPTION${attrs([['name', o.name]])} value="${xmlAttribute(o.value)}"/>`).join('')}</VALUES>`
      : '';
  const body = description(field.description) + values + field.links.map(linkXml).join('');
  return body ? `${head}>${body}</${tag}>` : `${head}/>`;
}

function paramXml(param: VoParam): string {
  return fieldXml(param, 'PARAM', param.value);
}

function groupXml(group: VoGroup): string {
  return `<GROUP${attrs([
    ['ID', group.id],
    ['name', group.name],
    ['ref', group.ref],
    ['ucd', group.ucd],
    ['utype', group.utype],
  ])}>${description(group.description)}${group.fieldRefs.map((r) => `<FIELDref ref="${xmlAttribute(r)}"/>`).join('')}${group.paramRefs.map((r) => `<PARAMref ref="${xmlAttribute(r)}"/>`).join('')}${group.params.map(paramXml).join('')}${group.groups.map(groupXml).join('')}</GROUP>`;
}

function coosysXml(c: VoCoosys): string {
  return `<COOSYS${attrs([
    ['ID', c.id],
    ['system', c.system],
    ['equinox', c.equinox],
    ['epoch', c.epoch],
    ['refposition', c.refposition],
  ])}/>`;
}

function timesysXml(t: VoTimesys): string {
  return `<TIMESYS${attrs([
    ['ID', t.id],
    ['timeorigin', t.timeorigin],
    ['timescale', t.timescale],
    ['refposition', t.refposition],
  ])}/>`;
}

/** A resource without tables (a DataLink service descriptor and its like), whole. */
function metaResourceXml(r: VoResource): string {
  return `<RESOURCE${attrs([
    ['ID', r.id],
    ['name', r.name],
    ['type', r.type],
    ['utype', r.utype],
  ])}>${description(r.description)}${r.infos.map(infoXml).join('')}${r.coosys.map(coosysXml).join('')}${r.timesys.map(timesysXml).join('')}${r.groups.map(groupXml).join('')}${r.params.map(paramXml).join('')}${r.links.map(linkXml).join('')}${r.resources.filter((n) => n.tables.length === 0).map(metaResourceXml).join('')}</RESOURCE>`;
}

function findResource(resources: VoResource[], table: VoTableTable): VoResource | null {
  for (const r of resources) {
    if (r.tables.includes(table)) return r;
    const inner = findResource(r.resources, table);
    if (inner) return inner;
  }
  return null;
}

function elementText(value: Exclude<Cell, null | Cell[]>, datatype: VoDatatype): string {
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (value === Infinity) return '+Inf';
    if (value === -Infinity) return '-Inf';
    return formatNumber(value, datatype);
  }
  return value;
}

function appendElements(value: Cell[], field: VoField, out: string[]): void {
  const isText = field.datatype === 'char' || field.datatype === 'unicodeChar';
  for (const element of value) {
    if (Array.isArray(element)) appendElements(element, field, out);
    else if (isText) out.push(String(element ?? '').padEnd(field.shape[0]! > 0 ? field.shape[0]! : 0, ' '));
    else if (element === null) {
      const floating = field.datatype === 'float' || field.datatype === 'double' || field.datatype === 'floatComplex' || field.datatype === 'doubleComplex';
      out.push(floating ? 'NaN' : field.datatype === 'boolean' || field.datatype === 'bit' ? '?' : (field.nullValue ?? ''));
    } else out.push(elementText(element, field.datatype));
  }
}

/** The TABLEDATA text of one cell (without the TD). */
export function tabledataCell(value: Cell, field: VoField): string {
  if (value === null) return '';
  if (!Array.isArray(value)) return xmlText(elementText(value, field.datatype));
  const parts: string[] = [];
  appendElements(value, field, parts);
  const isText = field.datatype === 'char' || field.datatype === 'unicodeChar';
  return xmlText(parts.join(isText ? '' : ' '));
}

export interface VoTableExportOptions {
  /** Rows in the order to write; all rows in table order when absent. */
  order?: Uint32Array | null;
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The document's header up to and including `<TABLEDATA>`, and what closes it. */
export function votableFrame(votable: VoTable, table: VoTableTable, rows: number): { head: string; tail: string } {
  const resource = findResource(votable.resources, table);
  const subset = rows !== table.rowCount ? `<INFO name="rows" value="${rows} of ${table.rowCount}">The rows shown when the table was exported, in the order shown.</INFO>` : '';
  const metas = votable.resources.filter((r) => r !== resource && r.tables.length === 0 && r.type === 'meta');
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
    description(votable.description) +
    votable.infos.map(infoXml).join('') +
    votable.coosys.map(coosysXml).join('') +
    votable.timesys.map(timesysXml).join('') +
    votable.groups.map(groupXml).join('') +
    votable.params.map(paramXml).join('') +
    `\n<RESOURCE${attrs([
      ['ID', resource?.id],
      ['name', resource?.name],
      ['type', resource?.type ?? 'results'],
      ['utype', resource?.utype],
    ])}>\n` +
    description(resource?.description) +
    (resource?.infos ?? []).map(infoXml).join('') +
    subset +
    (resource?.coosys ?? []).map(coosysXml).join('') +
    (resource?.timesys ?? []).map(timesysXml).join('') +
    (resource?.groups ?? []).map(groupXml).join('') +
    (resource?.params ?? []).map(paramXml).join('') +
    (resource?.links ?? []).map(linkXml).join('') +
    `\n<TABLE${attrs([
      ['ID', table.id],
      ['name', table.name],
      ['ucd', table.ucd],
      ['utype', table.utype],
      ['nrows', rows],
    ])}>\n` +
    description(table.description) +
    table.params.map(paramXml).join('') +
    '\n' +
    table.fields.map((f) => fieldXml(f, 'FIELD')).join('\n') +
    '\n' +
    table.groups.map(groupXml).join('') +
    table.links.map(linkXml).join('') +
    '<DATA><TABLEDATA>\n';
  const tail = `</TABLEDATA></DATA>${table.infos.map(infoXml).join('')}</TABLE>\n</RESOURCE>\n${metas.map(metaResourceXml).join('\n')}\n</VOTABLE>\n`;
  return { head, tail };
}

/** The rows shown as a VOTable Blob, built chunk by chunk and yielding to the browser between chunks. */
export async function tableToVoTableBlob(votable: VoTable, table: VoTableTable, options: VoTableExportOptions = {}): Promise<Blob> {
  const { order = null, chunkRows = 20_000, signal, onProgress } = options;
  const total = order ? order.length : table.rowCount;
  const { head, tail } = votableFrame(votable, table, total);
  const parts: string[] = [head];
  const columnCount = table.fields.length;
  for (let start = 0; start < total; start += chunkRows) {
    signal?.throwIfAborted();
    const end = Math.min(total, start + chunkRows);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const row = order ? order[i]! : i;
      let line = '<TR>';
      for (let col = 0; col < columnCount; col++) {
        const text = tabledataCell(table.cell(row, col), table.fields[col]!);
        line += text === '' ? '<TD/>' : `<TD>${text}</TD>`;
      }
      lines.push(line + '</TR>');
    }
    parts.push(lines.join('\n') + '\n');
    onProgress?.(end, total);
    if (end < total) await yieldToBrowser();
  }
  parts.push(tail);
  return new Blob(parts, { type: 'application/x-votable+xml' });
}
