/** Result FIELD metadata: from TAP_SCHEMA where the column is published, else from the Postgres type. */
import type { OutputColumn } from '../adql/to-sql.ts';
import type { VoDatatype } from '../catalogue.ts';
import type { ResultField } from '../votable.ts';

const BY_OID: Record<number, { datatype: VoDatatype; arraysize?: string; xtype?: string }> = {
  16: { datatype: 'boolean' },
  20: { datatype: 'long' },
  21: { datatype: 'short' },
  23: { datatype: 'int' },
  700: { datatype: 'float' },
  701: { datatype: 'double' },
  1700: { datatype: 'double' },
  1082: { datatype: 'char', arraysize: '*', xtype: 'timestamp' },
  1114: { datatype: 'char', arraysize: '*', xtype: 'timestamp' },
  1184: { datatype: 'char', arraysize: '*', xtype: 'timestamp' },
};

export function fieldFor(column: OutputColumn | undefined, fallbackName: string, oid: number): ResultField {
  const byType = BY_OID[oid] ?? { datatype: 'char' as const, arraysize: '*' };
  const meta = column?.meta;
  if (meta && meta.datatype === byType.datatype) {
    return {
      name: column.name,
      datatype: meta.datatype,
      arraysize: meta.arraysize,
      xtype: meta.xtype,
      unit: meta.unit,
      ucd: meta.ucd,
      utype: meta.utype,
      description: meta.description,
    };
  }
  return { name: column?.name ?? fallbackName, ...byType };
}
