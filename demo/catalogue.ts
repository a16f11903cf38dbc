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

const tapSchemaTables: TableMeta[] = [
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

const lit = (v: string | number | undefined | null): string =>
  v === undefined || v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

/** SQL that fills TAP_SCHEMA from the metadata above. */
function tapSchemaSql(): string {
  const out: string[] = ['CREATE SCHEMA tap_schema;'];
  for (const t of tapSchemaTables) {
    out.push(
      `CREATE TABLE ${sqlName(t.name)} (${t.columns.map((c) => `"${c.name}" ${c.sqlType}`).join(', ')});`,
    );
  }
  schemas.forEach((s, i) =>
    out.push(`INSERT INTO tap_schema.schemas VALUES (${lit(s.name)}, NULL, ${lit(s.description)}, ${i});`),
  );
  tables.forEach((t, i) =>
    out.push(
      `INSERT INTO tap_schema.tables VALUES (${lit(t.schema)}, ${lit(t.name)}, ${lit(t.type)}, NULL, ${lit(t.description)}, ${i});`,
    ),
  );
  for (const t of tables) {
    t.columns.forEach((c, i) =>
      out.push(
        `INSERT INTO tap_schema.columns VALUES (${[
          lit(t.name),
          lit(publishedName(c)),
          lit(c.datatype),
          lit(c.arraysize),
          lit(c.xtype),
          'NULL',
          lit(c.description),
          lit(c.utype),
          lit(c.unit),
          lit(c.ucd),
          c.indexed ? 1 : 0,
          c.principal ? 1 : 0,
          c.std ? 1 : 0,
          i,
        ].join(', ')});`,
      ),
    );
  }
  for (const k of foreignKeys) {
    out.push(
      `INSERT INTO tap_schema.keys VALUES (${lit(k.id)}, ${lit(k.fromTable)}, ${lit(k.targetTable)}, ${lit(k.description)}, NULL);`,
    );
    for (const c of k.columns) {
      out.push(`INSERT INTO tap_schema.key_columns VALUES (${lit(k.id)}, ${lit(c.from)}, ${lit(c.target)});`);
    }
  }
  return out.join('\n');
}

/**
 * Functions used by translated queries. Angles in degrees; the distance is
 * the haversine great-circle distance, stable for small separations.
 */
export const functionsSql = `
CREATE FUNCTION demo_u(i integer, k integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (hashint4(i * 16 + k)::bigint + 2147483648) / 4294967296.0 $$;
CREATE FUNCTION demo_gauss(i integer, k integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT sqrt(-2 * ln(1 - demo_u(i, k))) * cos(2 * pi() * demo_u(i, k + 1)) $$;
CREATE FUNCTION demo_distance(ra1 double precision, dec1 double precision, ra2 double precision, dec2 double precision)
  RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT degrees(2 * asin(least(1.0, sqrt(
    sin(radians(dec2 - dec1) / 2) ^ 2 + cos(radians(dec1)) * cos(radians(dec2)) * sin(radians(ra2 - ra1) / 2) ^ 2)))) $$;
CREATE FUNCTION demo_sleep(seconds double precision) RETURNS double precision
  LANGUAGE plpgsql VOLATILE
  AS $$ BEGIN
    IF seconds IS NULL OR seconds < 0 OR seconds > 3600 THEN
      RAISE EXCEPTION 'demo_sleep: seconds must be between 0 and 3600, got %', seconds;
    END IF;
    PERFORM pg_sleep(seconds);
    RETURN seconds;
  END $$;
CREATE FUNCTION demo_fail(message text) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$ BEGIN RAISE EXCEPTION '%', coalesce(message, 'demo_fail called'); END $$;
`;

/** SQL that creates and fills the whole database for a catalogue of `rows` stars. */
export function buildSql(rows: number): string {
  const n = Math.max(1, Math.floor(rows));
  return `
${functionsSql}
CREATE SCHEMA demo;
CREATE TABLE demo.stars (
  id integer PRIMARY KEY, designation varchar NOT NULL,
  ra double precision NOT NULL, dec double precision NOT NULL,
  parallax double precision NOT NULL, pmra double precision NOT NULL, pmdec double precision NOT NULL,
  mag real NOT NULL, mag_bp real NOT NULL, mag_rp real NOT NULL,
  flag smallint NOT NULL, epoch double precision NOT NULL, rv double precision);
INSERT INTO demo.stars
SELECT i,
  'DEMO J' || lpad(i::text, 6, '0'),
  round((demo_u(i, 1) * 360)::numeric, 7)::double precision,
  round(degrees(asin(demo_u(i, 2) * 2 - 1))::numeric, 7)::double precision,
  round((abs(demo_gauss(i, 3)) * 2.5 + 0.05)::numeric, 4)::double precision,
  round((demo_gauss(i, 5) * 8)::numeric, 3)::double precision,
  round((demo_gauss(i, 7) * 8)::numeric, 3)::double precision,
  g, round((g + 0.35 + c)::numeric, 3)::real, round((g - 0.6 - c)::numeric, 3)::real,
  (CASE WHEN demo_u(i, 10) < 0.9 THEN 0 WHEN demo_u(i, 10) < 0.95 THEN 1 WHEN demo_u(i, 10) < 0.98 THEN 2 ELSE 3 END)::smallint,
  2016.0,
  CASE WHEN demo_u(i, 11) < 0.2 THEN round((demo_gauss(i, 12) * 40)::numeric, 2)::double precision END
FROM (SELECT i, round((15 + 2 * demo_gauss(i, 8))::numeric, 3)::real AS g, abs(demo_gauss(i, 13)) * 0.4 AS c
      FROM generate_series(1, ${n}) AS i) AS s;
CREATE INDEX stars_dec ON demo.stars (dec);
CREATE INDEX stars_mag ON demo.stars (mag);
CREATE VIEW demo.numbers AS SELECT n::integer AS n FROM generate_series(1, ${SERIES_ROWS}) AS n;
${tapSchemaSql()}
CREATE SCHEMA tap_upload;
ANALYZE;
`;
}

/** Looks a table up case-insensitively by its qualified (or unique unqualified) name. */
export function findTable(all: readonly TableMeta[], name: string): TableMeta | undefined {
  const lower = name.toLowerCase();
  const exact = all.find((t) => t.name.toLowerCase() === lower);
  if (exact) return exact;
  const byShort = all.filter((t) => t.name.toLowerCase().split('.').pop() === lower);
  return byShort.length === 1 ? byShort[0] : undefined;
}
