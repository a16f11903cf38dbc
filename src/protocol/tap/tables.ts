/**
 * The table metadata of a TAP service from VOSI /tables (VODataService
 * tableset): schemas, tables, columns with datatype, unit, UCD, description
 * and flags, and foreign keys. TAP 1.1 `detail=min` gives tables without
 * columns; one table at a time then comes from /tables/<name>.
 */
import { ProtocolError, ServiceReportedError } from '../http/errors';
import type { Transport } from '../http/transport';
import { findVoTableError } from '../http/votable-error';
import { attribute, childElements, firstChild, parseXml, readDocument, snippet, textContent, type XmlElement } from '../uws/xml';

export interface TapColumn {
  name: string;
  description: string;
  unit: string;
  ucd: string;
  /** VOTable datatype with its arraysize, e.g. "char(*)", "double". */
  datatype: string;
  indexed: boolean;
  principal: boolean;
  primary: boolean;
}

export interface TapForeignKey {
  targetTable: string;
  columns: { from: string; target: string }[];
  description: string;
}

export interface TapTable {
  /** The name as the service writes it in queries (usually schema-qualified). */
  name: string;
  schema: string;
  description: string;
  type: string;
  /** null while only the table is known (detail=min); read it with getTable. */
  columns: TapColumn[] | null;
  foreignKeys: TapForeignKey[];
}

export interface TapSchema {
  name: string;
  description: string;
  tables: TapTable[];
}

const text = (element: XmlElement, name: string) => {
  const child = firstChild(element, name);
  return child ? textContent(child).replace(/\s+/g, ' ').trim() : '';
};

function readColumn(element: XmlElement): TapColumn {
  const flags = new Set(childElements(element, 'flag').map((flag) => textContent(flag).trim().toLowerCase()));
  const dataType = firstChild(element, 'dataType');
  const arraysize = dataType ? attribute(dataType, 'arraysize') : undefined;
  const base = dataType ? textContent(dataType).trim() : '';
  return {
    name: text(element, 'name'),
    description: text(element, 'description'),
    unit: text(element, 'unit'),
    ucd: text(element, 'ucd'),
    datatype: base && arraysize && arraysize !== '1' ? `${base}(${arraysize})` : base,
    indexed: flags.has('indexed'),
    principal: flags.has('principal'),
    primary: flags.has('primary'),
  };
}

function readTable(element: XmlElement, schema: string, withColumns: boolean): TapTable {
  const columns = childElements(element, 'column').map(readColumn);
  return {
    name: text(element, 'name'),
    schema,
    description: text(element, 'description'),
    type: attribute(element, 'type') ?? 'table',
    columns: withColumns || columns.length > 0 ? columns : null,
    foreignKeys: childElements(element, 'foreignKey').map((fk) => ({
      targetTable: text(fk, 'targetTable'),
      columns: childElements(fk, 'fkColumn').map((c) => ({ from: text(c, 'fromColumn'), target: text(c, 'targetColumn') })),
      description: text(fk, 'description'),
    })),
  };
}

function unexpected(expected: string, root: XmlElement, xml: string, url: string): never {
  throw new ProtocolError(`Expected ${expected}, but received <${root.name}>. It began: ${JSON.stringify(snippet(xml).trim())}`, { url, received: xml });
}

/**
 * A VOSI tableset. `complete` says whether tables come with their columns
 * (a table without any column in a full document is taken as complete and empty).
 */
export function parseTableset(xml: string, documentUrl: string, complete: boolean): TapSchema[] {
  const expected = 'a VOSI tableset';
  const root = parseXml(xml, documentUrl, expected);
  if (root.local !== 'tableset') unexpected(expected, root, xml, documentUrl);
  return childElements(root, 'schema').map((schema) => {
    const name = text(schema, 'name');
    return { name, description: text(schema, 'description'), tables: childElements(schema, 'table').map((t) => readTable(t, name, complete)) };
  });
}

/** One VOSI table document (/tables/<name>). */
export function parseTable(xml: string, documentUrl: string, schema: string): TapTable {
  const expected = 'a VOSI table';
  const root = parseXml(xml, documentUrl, expected);
  if (root.local !== 'table') unexpected(expected, root, xml, documentUrl);
  return readTable(root, schema, true);
}

const tablesUrl = (tapUrl: string) => `${tapUrl.replace(/\/+$/, '')}/tables`;

async function readXml(transport: Transport, url: string, signal: AbortSignal | undefined) {
  const response = await transport.request(url, { signal });
  const body = await response.text();
  const serviceMessage = findVoTableError(body);
  if (serviceMessage !== null) throw new ServiceReportedError(serviceMessage, { url: response.url || url, status: response.status });
  return { body, response, url: response.url || url };
}

/** The tableset, with `detail=min` (TAP 1.1) when asked; services that ignore it send columns anyway, which are kept. */
export async function getTableset(tapUrl: string, transport: Transport, opts: { signal?: AbortSignal; min?: boolean } = {}): Promise<TapSchema[]> {
  const url = `${tablesUrl(tapUrl)}${opts.min ? '?detail=min' : ''}`;
  const { body, response, url: at } = await readXml(transport, url, opts.signal);
  return readDocument((xml, u) => parseTableset(xml, u, !opts.min), body, response, at);
}

/** One table with its columns and foreign keys. */
export async function getTable(tapUrl: string, transport: Transport, table: Pick<TapTable, 'name' | 'schema'>, opts: { signal?: AbortSignal } = {}): Promise<TapTable> {
  const url = `${tablesUrl(tapUrl)}/${encodeURIComponent(table.name)}`;
  const { body, response, url: at } = await readXml(transport, url, opts.signal);
  return readDocument((xml, u) => parseTable(xml, u, table.schema), body, response, at);
}
