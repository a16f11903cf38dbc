/** The decoded document (VoTableData) from the scanned element tree and the tables' decoded data. */

import { ColumnBuilder } from './column-builder';
import { makeFieldSpec } from './field-spec';
import { coosysOf, descriptionOf, groupOf, infoOf, linkOf, linksOf, paramOf, timesysOf, type HeaderContext } from './header';
import { VotableError, type QueryStatus, type Serialization, type VoField, type VoResourceData, type VoTableData, type VoTableTableData } from './types';
import type { WarningLog } from './warnings';
import type { XmlElement } from './xml-scan';

export interface DecodedData {
  serialization: Serialization;
  rows: number;
  columns: VoTableTableData['columns'];
}

export interface TableState {
  fields: VoField[];
  data?: DecodedData;
}

export interface TableSource {
  log: WarningLog;
  /** The FIELDs of a TABLE and its data once decoded. */
  stateOf(table: XmlElement): TableState;
  /** Decodes the data of a TABLE given by a STREAM href, when there is one. */
  externalStream(table: XmlElement, data: XmlElement): void;
}

const NROWS_LIMIT = 2 ** 31;

export function declaredRowsOf(table: XmlElement): number | undefined {
  const nrows = table.attrs['nrows'];
  if (nrows === undefined || !/^\s*\d+\s*$/.test(nrows)) return undefined;
  const n = Number(nrows);
  return n < NROWS_LIMIT ? n : undefined;
}

export function buildDocument(root: XmlElement, source: TableSource): VoTableData {
  if (root.name !== 'VOTABLE') throw new VotableError('not-votable', `The document element is <${root.name}>, not <VOTABLE>.`);
  const built = new Map<VoTableTableData, XmlElement>();
  const header: HeaderContext = { log: source.log };
  let queryStatus: QueryStatus | null = null;
  const noteInfo = (el: XmlElement): void => {
    if (el.attrs['name'] === 'QUERY_STATUS') queryStatus = { status: (el.attrs['value'] ?? '').trim(), message: el.text.trim() };
  };
  const buildTable = (el: XmlElement): VoTableTableData => {
    const st = source.stateOf(el);
    const inTable: HeaderContext = { log: source.log, table: el };
    const t: VoTableTableData = {
      fields: st.fields,
      params: [],
      groups: [],
      infos: [],
      links: linksOf(el),
      serialization: null,
      rowCount: 0,
      columns: [],
    };
    const a = el.attrs;
    if (a['name'] !== undefined) t.name = a['name'];
    if (a['ID'] !== undefined) t.id = a['ID'];
    if (a['ref'] !== undefined) t.ref = a['ref'];
    if (a['ucd'] !== undefined) t.ucd = a['ucd'];
    if (a['utype'] !== undefined) t.utype = a['utype'];
    const d = descriptionOf(el);
    if (d !== undefined) t.description = d;
    const declared = declaredRowsOf(el);
    if (declared !== undefined) t.declaredRows = declared;
    for (const c of el.children) {
      if (c.name === 'PARAM') t.params.push(paramOf(c, inTable));
      else if (c.name === 'GROUP') t.groups.push(groupOf(c, inTable));
      else if (c.name === 'INFO') {
        t.infos.push(infoOf(c));
        noteInfo(c);
      } else if (c.name === 'DATA') {
        if (!st.data) source.externalStream(el, c);
        for (const i of c.children) {
          if (i.name === 'INFO') {
            t.infos.push(infoOf(i));
            noteInfo(i);
          }
        }
      }
    }
    if (st.data) {
      t.serialization = st.data.serialization;
      t.rowCount = st.data.rows;
      t.columns = st.data.columns;
    } else {
      // A table without data has no rows; its columns are empty.
      t.columns = st.fields.map((f, i) => new ColumnBuilder(makeFieldSpec(f, i), 0).finish(0));
    }
    built.set(t, el);
    return t;
  };
  const buildResource = (el: XmlElement): VoResourceData => {
    const r: VoResourceData = { infos: [], params: [], groups: [], coosys: [], timesys: [], links: [], tables: [], resources: [] };
    const a = el.attrs;
    if (a['name'] !== undefined) r.name = a['name'];
    if (a['ID'] !== undefined) r.id = a['ID'];
    if (a['type'] !== undefined) r.type = a['type'];
    if (a['utype'] !== undefined) r.utype = a['utype'];
    const d = descriptionOf(el);
    if (d !== undefined) r.description = d;
    for (const c of el.children) {
      switch (c.name) {
        case 'INFO':
          r.infos.push(infoOf(c));
          noteInfo(c);
          break;
        case 'PARAM':
          r.params.push(paramOf(c, header));
          break;
        case 'GROUP':
          r.groups.push(groupOf(c, header));
          break;
        case 'COOSYS':
          r.coosys.push(coosysOf(c));
          break;
        case 'TIMESYS':
          r.timesys.push(timesysOf(c));
          break;
        case 'LINK':
          r.links.push(linkOf(c));
          break;
        case 'TABLE':
          r.tables.push(buildTable(c));
          break;
        case 'RESOURCE':
          r.resources.push(buildResource(c));
          break;
      }
    }
    return r;
  };
  const doc: VoTableData = {
    version: root.attrs['version'] ?? '',
    infos: [],
    params: [],
    groups: [],
    coosys: [],
    timesys: [],
    resources: [],
    queryStatus: null,
    warnings: [],
  };
  const d = descriptionOf(root);
  if (d !== undefined) doc.description = d;
  for (const c of root.children) {
    switch (c.name) {
      case 'INFO':
        doc.infos.push(infoOf(c));
        noteInfo(c);
        break;
      case 'PARAM':
        doc.params.push(paramOf(c, header));
        break;
      case 'GROUP':
        doc.groups.push(groupOf(c, header));
        break;
      case 'COOSYS':
        doc.coosys.push(coosysOf(c));
        break;
      case 'TIMESYS':
        doc.timesys.push(timesysOf(c));
        break;
      case 'DEFINITIONS':
        for (const x of c.children) if (x.name === 'COOSYS') doc.coosys.push(coosysOf(x));
        break;
      case 'RESOURCE':
        doc.resources.push(buildResource(c));
        break;
    }
  }
  doc.queryStatus = queryStatus;
  // Table indexes in the order of VoTable.tables: a resource's own tables, then its nested resources'.
  const order = new Map<XmlElement, number>();
  const number = (r: VoResourceData): void => {
    for (const t of r.tables) order.set(built.get(t)!, order.size);
    r.resources.forEach(number);
  };
  doc.resources.forEach(number);
  doc.warnings = source.log.list((table) => order.get(table as XmlElement));
  return doc;
}
