/** VOTable header elements (FIELD, PARAM, INFO, COOSYS, ...) from the scanned element tree. */

import { ColumnBuilder } from './column-builder';
import { isDatatype, makeFieldSpec, parseArraysize } from './field-spec';
import { makeReader } from './table-access';
import { setCellFromString } from './cell-writers';
import {
  VotableError,
  type VoCoosys,
  type VoDatatype,
  type VoField,
  type VoGroup,
  type VoInfo,
  type VoLink,
  type VoParam,
  type VoTimesys,
  type VoValues,
} from './types';
import { plural, quoted, type WarningLog } from './warnings';
import type { XmlElement } from './xml-scan';

/** Where tolerated header problems are recorded, and the TABLE being read (if any). */
export interface HeaderContext {
  log: WarningLog;
  table?: object;
}

/**
 * FIELDs and PARAMs whose datatype was missing or unknown and is read as
 * char: their binary width is unknown, so BINARY and BINARY2 data refuse them.
 */
export const guessedDatatype = new WeakSet<VoField>();

function opt(el: XmlElement, name: string): string | undefined {
  return el.attrs[name];
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function descriptionOf(el: XmlElement): string | undefined {
  const d = child(el, 'DESCRIPTION');
  return d ? d.text.trim() : undefined;
}

function assign<T extends object>(target: T, key: keyof T, value: unknown): void {
  if (value !== undefined) (target as Record<keyof T, unknown>)[key] = value;
}

export function linkOf(el: XmlElement): VoLink {
  const link: VoLink = {};
  assign(link, 'href', opt(el, 'href'));
  assign(link, 'contentRole', opt(el, 'content-role'));
  assign(link, 'contentType', opt(el, 'content-type'));
  assign(link, 'title', opt(el, 'title'));
  assign(link, 'value', opt(el, 'value'));
  assign(link, 'action', opt(el, 'action'));
  assign(link, 'id', opt(el, 'ID'));
  return link;
}

export function linksOf(el: XmlElement): VoLink[] {
  return el.children.filter((c) => c.name === 'LINK').map(linkOf);
}

function valuesOf(el: XmlElement): VoValues | undefined {
  const v = child(el, 'VALUES');
  if (!v) return undefined;
  const values: VoValues = { options: [] };
  assign(values, 'null', opt(v, 'null'));
  const min = child(v, 'MIN');
  const max = child(v, 'MAX');
  assign(values, 'min', min ? opt(min, 'value') : undefined);
  assign(values, 'max', max ? opt(max, 'value') : undefined);
  const collect = (e: XmlElement): void => {
    for (const o of e.children) {
      if (o.name !== 'OPTION') continue;
      const option: { name?: string; value: string } = { value: opt(o, 'value') ?? '' };
      assign(option, 'name', opt(o, 'name'));
      values.options.push(option);
      collect(o);
    }
  };
  collect(v);
  return values;
}

/** The datatype a FIELD or PARAM is read as: its own, or char (unicodeChar) when it is missing or unknown. */
function datatypeOf(el: XmlElement, name: string, ctx: HeaderContext | undefined): { datatype: VoDatatype; guessed: boolean } {
  const declared = opt(el, 'datatype');
  if (declared !== undefined && isDatatype(declared)) return { datatype: declared, guessed: false };
  const what = el.name === 'PARAM' ? 'parameter' : 'column';
  if (declared === undefined) {
    ctx?.log.add({
      code: 'missing-datatype',
      field: name,
      ...(ctx.table ? { table: ctx.table } : {}),
      message: () => `The ${what} ${quoted(name)} has no datatype; it is read as text.`,
    });
    return { datatype: 'char', guessed: true };
  }
  const datatype = /^unicode/i.test(declared.trim()) ? 'unicodeChar' : 'char';
  ctx?.log.add({
    code: 'unknown-datatype',
    field: name,
    ...(ctx.table ? { table: ctx.table } : {}),
    message: () => `The ${what} ${quoted(name)} has the datatype '${declared}', which VOTable does not define; it is read as text.`,
  });
  return { datatype, guessed: true };
}

export function fieldOf(el: XmlElement, ctx?: HeaderContext): VoField {
  const name = opt(el, 'name') ?? opt(el, 'ID') ?? '';
  const { datatype, guessed } = datatypeOf(el, name, ctx);
  const arraysize = opt(el, 'arraysize');
  const { shape } = parseArraysize(arraysize, name);
  const field: VoField = { name, datatype, shape, links: linksOf(el) };
  if (guessed) guessedDatatype.add(field);
  assign(field, 'id', opt(el, 'ID'));
  assign(field, 'arraysize', arraysize);
  assign(field, 'unit', opt(el, 'unit'));
  assign(field, 'ucd', opt(el, 'ucd'));
  assign(field, 'utype', opt(el, 'utype'));
  assign(field, 'xtype', opt(el, 'xtype'));
  assign(field, 'precision', opt(el, 'precision'));
  const width = opt(el, 'width');
  if (width !== undefined && /^\s*\d+\s*$/.test(width)) field.width = Number(width);
  assign(field, 'ref', opt(el, 'ref'));
  assign(field, 'description', descriptionOf(el));
  const values = valuesOf(el);
  if (values) {
    field.values = values;
    assign(field, 'nullValue', values.null);
  }
  return field;
}

export function paramOf(el: XmlElement, ctx?: HeaderContext): VoParam {
  const field = fieldOf(el, ctx);
  const value = opt(el, 'value') ?? '';
  const builder = new ColumnBuilder(makeFieldSpec(field, 0), 1);
  try {
    setCellFromString(builder, 0, value);
  } catch (err) {
    if (!(err instanceof VotableError) || err.code !== 'invalid-data') throw err;
    builder.invalidCells++;
  }
  if (builder.invalidCells > 0) {
    // Array syntax ("[0. 0.]") or anything else that is not the datatype: the text itself.
    ctx?.log.add({
      code: 'param-as-text',
      field: field.name,
      ...(ctx.table ? { table: ctx.table } : {}),
      message: () => `The value of the parameter ${quoted(field.name)} is not a valid ${typeName(field)}; it is shown as written.`,
    });
    const param: VoParam = { ...field, value, cell: value };
    if (guessedDatatype.has(field)) guessedDatatype.add(param);
    return param;
  }
  const cell = makeReader(builder.finish(1), field)(0);
  return { ...field, value, cell };
}

/** "double", "float[3]", "int[2x*]": a datatype as a user reads it. */
export function typeName(field: VoField): string {
  return field.arraysize ? `${field.datatype}[${field.arraysize}]` : field.datatype;
}

/** Records the cells of decoded columns that did not parse as their datatype. */
export function noteInvalidCells(log: Pick<WarningLog, 'add'>, table: object, cols: readonly ColumnBuilder[]): void {
  for (const col of cols) {
    if (col.invalidCells === 0) continue;
    const field = col.spec.field;
    const type = field.datatype;
    const numbers = field.shape.length === 0 && (type === 'float' || type === 'double');
    log.add({
      code: 'invalid-cell',
      table,
      field: field.name,
      row: col.firstInvalidRow,
      count: col.invalidCells,
      message: (n) =>
        n === 1
          ? `1 cell of ${quoted(field.name)} was not ${numbers ? 'a number' : `a valid ${typeName(field)} value`}; it is shown as empty.`
          : `${plural(n, 'cell')} of ${quoted(field.name)} were not ${numbers ? 'numbers' : `valid ${typeName(field)} values`}; they are shown as empty.`,
    });
  }
}

export function infoOf(el: XmlElement): VoInfo {
  const info: VoInfo = { name: opt(el, 'name') ?? '', value: opt(el, 'value') ?? '', content: el.text.trim() };
  assign(info, 'id', opt(el, 'ID'));
  assign(info, 'ucd', opt(el, 'ucd'));
  assign(info, 'utype', opt(el, 'utype'));
  assign(info, 'ref', opt(el, 'ref'));
  assign(info, 'unit', opt(el, 'unit'));
  assign(info, 'xtype', opt(el, 'xtype'));
  return info;
}

export function coosysOf(el: XmlElement): VoCoosys {
  const c: VoCoosys = {};
  assign(c, 'id', opt(el, 'ID'));
  assign(c, 'system', opt(el, 'system'));
  assign(c, 'equinox', opt(el, 'equinox'));
  assign(c, 'epoch', opt(el, 'epoch'));
  assign(c, 'refposition', opt(el, 'refposition'));
  return c;
}

export function timesysOf(el: XmlElement): VoTimesys {
  const t: VoTimesys = {};
  assign(t, 'id', opt(el, 'ID'));
  assign(t, 'timeorigin', opt(el, 'timeorigin'));
  assign(t, 'timescale', opt(el, 'timescale'));
  assign(t, 'refposition', opt(el, 'refposition'));
  return t;
}

export function groupOf(el: XmlElement, ctx?: HeaderContext): VoGroup {
  const g: VoGroup = { params: [], fieldRefs: [], paramRefs: [], groups: [] };
  assign(g, 'name', opt(el, 'name'));
  assign(g, 'id', opt(el, 'ID'));
  assign(g, 'ucd', opt(el, 'ucd'));
  assign(g, 'utype', opt(el, 'utype'));
  assign(g, 'ref', opt(el, 'ref'));
  assign(g, 'description', descriptionOf(el));
  for (const c of el.children) {
    if (c.name === 'PARAM') g.params.push(paramOf(c, ctx));
    else if (c.name === 'FIELDref') g.fieldRefs.push(opt(c, 'ref') ?? '');
    else if (c.name === 'PARAMref') g.paramRefs.push(opt(c, 'ref') ?? '');
    else if (c.name === 'GROUP') g.groups.push(groupOf(c, ctx));
  }
  return g;
}
