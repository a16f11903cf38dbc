/**
 * The demo archive's content: a deterministic synthetic star catalogue, a
 * one-million-row number series, a few user-defined functions, and the
 * TAP_SCHEMA that describes all of it. The metadata here is the single source
 * for TAP_SCHEMA, /tables, the ADQL translator and the result FIELDs.
 */

export type VoDatatype = 'short' | 'int' | 'long' | 'float' | 'double' | 'char' | 'boolean';

export interface ColumnMeta {
  name: string;
  datatype: VoDatatype;
  /** VOTable arraysize, e.g. "*" for variable-length strings. */
  arraysize?: string;
  xtype?: string;
  unit?: string;
  ucd?: string;
  utype?: string;
  description: string;
  indexed?: boolean;
  principal?: boolean;
  std?: boolean;
  nullable?: boolean;
  /** The Postgres type used to store it. */
  sqlType: string;
}

export interface TableMeta {
  schema: string;
  /** Fully qualified name as ADQL and TAP_SCHEMA spell it, e.g. "demo.stars". */
  name: string;
  type: 'table' | 'view';
  description: string;
  columns: ColumnMeta[];
  /** A synthetic table without rows (see extra-tables.ts): queries read an empty relation of its columns. */
  rowless?: boolean;
}

export interface SchemaMeta {
  name: string;
  description: string;
}

export interface ForeignKeyMeta {
  id: string;
  fromTable: string;
  targetTable: string;
  description: string;
  columns: { from: string; target: string }[];
}

export const DEFAULT_ROWS = 100_000;
export const SERIES_ROWS = 1_000_000;

const txt = (name: string, description: string, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
  name,
  datatype: 'char',
  arraysize: '*',
  description,
  sqlType: 'varchar',
  std: true,
  principal: true,
  ...extra,
});
const int = (name: string, description: string, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
  name,
  datatype: 'int',
  description,
  sqlType: 'integer',
  std: true,
  principal: true,
  ...extra,
});

export const tapSchemaTables: TableMeta[] = [
  {
    schema: 'TAP_SCHEMA',
    name: 'TAP_SCHEMA.schemas',
    type: 'table',
    description: 'Schemas published by this service.',
    columns: [
      txt('schema_name', 'Fully qualified schema name'),
      txt('utype', 'UType of the schema', { nullable: true }),
      txt('description', 'Brief description of the schema', { nullable: true }),
      int('schema_index', 'Recommended sort order when listing schemas', { nullable: true }),
    ],
  },
  {
    schema: 'TAP_SCHEMA',
    name: 'TAP_SCHEMA.tables',
    type: 'table',
    description: 'Tables published by this service.',
    columns: [
      txt('schema_name', 'The schema name from TAP_SCHEMA.schemas'),
      txt('table_name', 'Fully qualified table name'),
      txt('table_type', 'One of: table, view'),
      txt('utype', 'UType of the table', { nullable: true }),
      txt('description', 'Brief description of the table', { nullable: true }),
      int('table_index', 'Recommended sort order when listing tables', { nullable: true }),
    ],
  },
  {
    schema: 'TAP_SCHEMA',
    name: 'TAP_SCHEMA.columns',
    type: 'table',
    description: 'Columns of the tables published by this service.',
    columns: [
      txt('table_name', 'Table name from TAP_SCHEMA.tables'),
      txt('column_name', 'Column name'),
      txt('datatype', 'ADQL datatype as in section 2.5 of TAP 1.1 (VOTable datatype)'),
      txt('arraysize', 'VOTable arraysize of the column', { nullable: true }),
      txt('xtype', 'VOTable xtype of the column', { nullable: true }),
      int('size', 'Deprecated length of variable-length datatypes', { nullable: true }),
      txt('description', 'Brief description of the column', { nullable: true }),
      txt('utype', 'UType of the column', { nullable: true }),
      txt('unit', 'Unit in VO standard format', { nullable: true }),
      txt('ucd', 'UCD of the column', { nullable: true }),
      int('indexed', 'An indexed column; 1 means true, 0 means false'),
      int('principal', 'A principal column; 1 means true, 0 means false'),
      int('std', 'A standard column; 1 means true, 0 means false'),
      int('column_index', 'Recommended sort order when listing columns', { nullable: true }),
    ],
  },
  {
    schema: 'TAP_SCHEMA',
    name: 'TAP_SCHEMA.keys',
    type: 'table',
    description: 'Foreign key relationships between the published tables.',
    columns: [
      txt('key_id', 'Unique key identifier'),
      txt('from_table', 'Fully qualified table name'),
      txt('target_table', 'Fully qualified table name'),
      txt('description', 'Description of this key', { nullable: true }),
      txt('utype', 'UType of this key', { nullable: true }),
    ],
  },
  {
    schema: 'TAP_SCHEMA',
    name: 'TAP_SCHEMA.key_columns',
    type: 'table',
    description: 'Columns taking part in the foreign keys of TAP_SCHEMA.keys.',
    columns: [
      txt('key_id', 'Key identifier from TAP_SCHEMA.keys'),
      txt('from_column', 'Key column name in the from_table'),
      txt('target_column', 'Key column name in the target_table'),
    ],
  },
];

const dbl = (name: string, unit: string, ucd: string, description: string, extra: Partial<ColumnMeta> = {}): ColumnMeta => ({
  name,
  datatype: 'double',
  unit,
  ucd,
  description,
  sqlType: 'double precision',
  principal: true,
  ...extra,
});
const real = (name: string, unit: string, ucd: string, description: string): ColumnMeta => ({
  name,
  datatype: 'float',
  unit,
  ucd,
  description,
  sqlType: 'real',
  principal: true,
});

const starsTable: TableMeta = {
  schema: 'demo',
  name: 'demo.stars',
  type: 'table',
  description:
    'Deterministic synthetic star catalogue: positions uniform on the sphere, Gaia-like astrometry and photometry.',
  columns: [
    { ...int('id', 'Source identifier (1 to the row count)', { ucd: 'meta.id;meta.main', indexed: true }), std: false },
    { ...txt('designation', 'Source designation, e.g. "DEMO J000001"', { ucd: 'meta.id', indexed: false }), std: false },
    dbl('ra', 'deg', 'pos.eq.ra;meta.main', 'Right ascension (ICRS) at the reference epoch'),
    dbl('dec', 'deg', 'pos.eq.dec;meta.main', 'Declination (ICRS) at the reference epoch', { indexed: true }),
    dbl('parallax', 'mas', 'pos.parallax.trig', 'Trigonometric parallax'),
    dbl('pmra', 'mas/yr', 'pos.pm;pos.eq.ra', 'Proper motion in right ascension, times cos(dec)'),
    dbl('pmdec', 'mas/yr', 'pos.pm;pos.eq.dec', 'Proper motion in declination'),
    real('mag', 'mag', 'phot.mag;em.opt', 'Broad-band (G-like) mean magnitude'),
    real('mag_bp', 'mag', 'phot.mag;em.opt.B', 'Blue-band mean magnitude'),
    real('mag_rp', 'mag', 'phot.mag;em.opt.R', 'Red-band mean magnitude'),
    {
      name: 'flag',
      datatype: 'short',
      ucd: 'meta.code.qual',
      description: 'Quality flag: 0 good, 1 crowded, 2 saturated, 3 spurious',
      sqlType: 'smallint',
      principal: true,
    },
    dbl('epoch', 'yr', 'time.epoch', 'Reference epoch of the astrometry (Julian year)'),
    dbl('rv', 'km/s', 'spect.dopplerVeloc.opt', 'Radial velocity; NULL where none was measured (most sources)', {
      nullable: true,
    }),
  ],
};

const numbersTable: TableMeta = {
  schema: 'demo',
  name: 'demo.numbers',
  type: 'view',
  description: `The integers 1 to ${SERIES_ROWS.toLocaleString('en')}, generated on the fly: SELECT n FROM demo.numbers gives a result of one million rows.`,
  columns: [{ ...int('n', 'An integer between 1 and one million', { ucd: 'meta.number' }), std: false }],
};

export const schemas: SchemaMeta[] = [
  { name: 'TAP_SCHEMA', description: 'Metadata of the tables this service publishes (TAP 1.1).' },
  { name: 'demo', description: 'Synthetic demo data: a star catalogue and a number series.' },
];

export const tables: TableMeta[] = [...tapSchemaTables, starsTable, numbersTable];

export const foreignKeys: ForeignKeyMeta[] = [
  {
    id: 'tables_schema',
    fromTable: 'TAP_SCHEMA.tables',
    targetTable: 'TAP_SCHEMA.schemas',
    description: 'Each table belongs to a schema',
    columns: [{ from: 'schema_name', target: 'schema_name' }],
  },
  {
    id: 'columns_table',
    fromTable: 'TAP_SCHEMA.columns',
    targetTable: 'TAP_SCHEMA.tables',
    description: 'Each column belongs to a table',
    columns: [{ from: 'table_name', target: 'table_name' }],
  },
  {
    id: 'keys_from_table',
    fromTable: 'TAP_SCHEMA.keys',
    targetTable: 'TAP_SCHEMA.tables',
    description: 'A key starts at a table',
    columns: [{ from: 'from_table', target: 'table_name' }],
  },
  {
    id: 'keys_target_table',
    fromTable: 'TAP_SCHEMA.keys',
    targetTable: 'TAP_SCHEMA.tables',
    description: 'A key points to a table',
    columns: [{ from: 'target_table', target: 'table_name' }],
  },
  {
    id: 'key_columns_key',
    fromTable: 'TAP_SCHEMA.key_columns',
    targetTable: 'TAP_SCHEMA.keys',
    description: 'Columns of a key',
    columns: [{ from: 'key_id', target: 'key_id' }],
  },
];

/** User-defined functions callable from ADQL; the SQL side is created in buildSql(). */
export interface UdfMeta {
  name: string;
  signature: string;
  description: string;
  arity: number;
}

export const udfs: UdfMeta[] = [
  {
    name: 'demo_sleep',
    arity: 1,
    signature: 'demo_sleep(seconds DOUBLE) -> DOUBLE',
    description:
      'Waits the given number of seconds (at most 3600), then returns it. Evaluated once per row: SELECT TOP 1 demo_sleep(30) AS s FROM demo.stars runs for 30 s.',
  },
  {
    name: 'demo_fail',
    arity: 1,
    signature: 'demo_fail(message VARCHAR) -> INTEGER',
    description: 'Makes the query fail at run time with the given message.',
  },
];

const ADQL_RESERVED_COLUMNS = new Set(['size', 'value', 'date', 'time', 'timestamp', 'user', 'position', 'first', 'last', 'level']);

/** A column's name as TAP_SCHEMA and /tables publish it: ADQL reserved words are delimited. */
export const publishedName = (c: ColumnMeta): string => (ADQL_RESERVED_COLUMNS.has(c.name.toLowerCase()) ? `"${c.name}"` : c.name);

/** Postgres name of a table or schema: unquoted and lower-case. */
export const sqlName = (adqlName: string): string => adqlName.toLowerCase();

/** Looks a table up case-insensitively by its qualified (or unique unqualified) name. */
export function findTable(all: readonly TableMeta[], name: string): TableMeta | undefined {
  const lower = name.toLowerCase();
  const exact = all.find((t) => t.name.toLowerCase() === lower);
  if (exact) return exact;
  const byShort = all.filter((t) => t.name.toLowerCase().split('.').pop() === lower);
  return byShort.length === 1 ? byShort[0] : undefined;
}
