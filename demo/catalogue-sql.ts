/**
 * The SQL that builds the demo archive's database from ./catalogue: the
 * functions translated queries use, the synthetic star catalogue generated in
 * the database, the number series, and TAP_SCHEMA.
 */
import { foreignKeys, publishedName, schemas, SERIES_ROWS, sqlName, tables, tapSchemaTables } from './catalogue.ts';

const lit = (v: string | number | undefined | null): string =>
  v === undefined || v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

/** SQL that fills TAP_SCHEMA from the catalogue's metadata. */
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
