/**
 * Synthetic extra tables (`--extra-tables N`), for trying clients against a
 * service that publishes as many tables as VizieR does. Their metadata is
 * plausible (names, descriptions, units, UCDs) and deterministic; they hold
 * no rows, and say so in their descriptions. They are published in VOSI
 * /tables and TAP_SCHEMA and can be queried (returning no rows).
 */
import { foreignKeys, publishedName, schemas as baseSchemas, tables as baseTables, type ColumnMeta, type ForeignKeyMeta, type SchemaMeta, type TableMeta } from './catalogue.ts';

const TOPICS: [schema: string, noun: string, description: string][] = [
  ['galaxies', 'galaxies', 'Galaxy catalogues: photometry, redshifts and morphology'],
  ['clusters', 'cluster members', 'Star and galaxy clusters and their members'],
  ['variables', 'variable stars', 'Variable stars: periods, amplitudes and light-curve parameters'],
  ['binaries', 'binary systems', 'Binary and multiple stars: orbits and components'],
  ['quasars', 'quasars', 'Quasars and active galactic nuclei'],
  ['exoplanets', 'planet host stars', 'Planet host stars and their planets'],
  ['nebulae', 'nebulae', 'Planetary nebulae, HII regions and supernova remnants'],
  ['radio', 'radio sources', 'Radio continuum surveys and source lists'],
  ['xray', 'X-ray sources', 'X-ray source catalogues'],
  ['infrared', 'infrared sources', 'Infrared surveys and point-source catalogues'],
  ['spectra', 'spectroscopic targets', 'Spectroscopic parameters: radial velocities, temperatures, abundances'],
  ['astrometry', 'reference stars', 'Astrometric catalogues: positions, proper motions and parallaxes'],
];

const KINDS: [name: string, title: string, extra: string[]][] = [
  ['photometry', 'Optical and near-infrared photometry', ['mag_b', 'mag_v', 'mag_r', 'mag_k', 'e_mag_v']],
  ['positions', 'Positions and proper motions', ['pmra', 'pmdec', 'parallax', 'epoch']],
  ['redshifts', 'Redshifts and distances', ['z', 'e_z', 'dist']],
  ['periods', 'Periods and amplitudes', ['period', 'amplitude', 'mag_v']],
  ['fluxes', 'Integrated fluxes', ['flux_1400', 'e_flux_1400', 'flux_xray', 'size']],
  ['parameters', 'Atmospheric parameters', ['teff', 'logg', 'feh', 'rv']],
  ['members', 'Membership probabilities', ['prob', 'rv', 'pmra', 'pmdec']],
  ['catalogue', 'Source catalogue', ['mag_v', 'size', 'flag']],
];

const dbl = (name: string, unit: string | undefined, ucd: string, description: string): ColumnMeta => ({
  name,
  datatype: 'double',
  unit,
  ucd,
  description,
  sqlType: 'double precision',
  nullable: true,
});

const COLUMNS: Record<string, ColumnMeta> = {
  mag_b: dbl('mag_b', 'mag', 'phot.mag;em.opt.B', 'Apparent magnitude in the B band'),
  mag_v: dbl('mag_v', 'mag', 'phot.mag;em.opt.V', 'Apparent magnitude in the V band'),
  mag_r: dbl('mag_r', 'mag', 'phot.mag;em.opt.R', 'Apparent magnitude in the R band'),
  mag_k: dbl('mag_k', 'mag', 'phot.mag;em.IR.K', 'Apparent magnitude in the K band (2.2 micron)'),
  e_mag_v: dbl('e_mag_v', 'mag', 'stat.error;phot.mag;em.opt.V', 'Uncertainty of the V magnitude'),
  pmra: dbl('pmra', 'mas/yr', 'pos.pm;pos.eq.ra', 'Proper motion in right ascension, times cos(dec)'),
  pmdec: dbl('pmdec', 'mas/yr', 'pos.pm;pos.eq.dec', 'Proper motion in declination'),
  parallax: dbl('parallax', 'mas', 'pos.parallax.trig', 'Trigonometric parallax'),
  epoch: dbl('epoch', 'yr', 'time.epoch', 'Epoch of the position (Julian year)'),
  z: dbl('z', undefined, 'src.redshift', 'Spectroscopic redshift'),
  e_z: dbl('e_z', undefined, 'stat.error;src.redshift', 'Uncertainty of the redshift'),
  dist: dbl('dist', 'Mpc', 'pos.distance', 'Luminosity distance'),
  period: dbl('period', 'd', 'time.period', 'Period of the light variation'),
  amplitude: dbl('amplitude', 'mag', 'src.var.amplitude', 'Peak-to-peak amplitude of the light variation'),
  flux_1400: dbl('flux_1400', 'mJy', 'phot.flux.density;em.radio.750-1500MHz', 'Integrated flux density at 1.4 GHz'),
  e_flux_1400: dbl('e_flux_1400', 'mJy', 'stat.error;phot.flux.density;em.radio.750-1500MHz', 'Uncertainty of the 1.4 GHz flux density'),
  flux_xray: dbl('flux_xray', 'mW/m2', 'phot.flux;em.X-ray', 'X-ray flux in the 0.5-2 keV band'),
  size: dbl('size', 'arcsec', 'phys.angSize', 'Major axis of the source'),
  teff: dbl('teff', 'K', 'phys.temperature.effective', 'Effective temperature'),
  logg: dbl('logg', '[cm/s2]', 'phys.gravity', 'Surface gravity (log g)'),
  feh: dbl('feh', '[-]', 'phys.abund.Fe', 'Metallicity [Fe/H]'),
  rv: dbl('rv', 'km/s', 'spect.dopplerVeloc.opt', 'Heliocentric radial velocity'),
  prob: dbl('prob', undefined, 'stat.probability', 'Membership probability (0 to 1)'),
  flag: { name: 'flag', datatype: 'short', ucd: 'meta.code.qual', description: 'Quality flag (0 = good)', sqlType: 'smallint', nullable: true },
};

function baseColumns(noun: string): ColumnMeta[] {
  return [
    { name: 'id', datatype: 'long', ucd: 'meta.id;meta.main', description: `Identifier of the ${noun.replace(/s$/, '')} in this table`, sqlType: 'bigint', indexed: true, principal: true },
    { ...dbl('ra', 'deg', 'pos.eq.ra;meta.main', 'Right ascension (ICRS)'), principal: true, nullable: false },
    { ...dbl('dec', 'deg', 'pos.eq.dec;meta.main', 'Declination (ICRS)'), principal: true, nullable: false },
  ];
}

export interface ExtraCatalogue {
  schemas: SchemaMeta[];
  tables: TableMeta[];
}

const cache = new Map<number, ExtraCatalogue>();

/** N synthetic tables spread over a dozen schemas; the same N always gives the same tables. */
export function extraTables(n: number): ExtraCatalogue {
  const cached = cache.get(n);
  if (cached) return cached;
  const used = TOPICS.slice(0, Math.min(TOPICS.length, n));
  const schemas = used.map(([name, , description]) => ({ name, description: `${description} (synthetic tables that hold no rows).` }));
  const tables: TableMeta[] = [];
  for (let i = 1; i <= n; i++) {
    const [schema, noun] = TOPICS[(i - 1) % TOPICS.length]!;
    const [kind, title, extra] = KINDS[Math.floor((i - 1) / TOPICS.length) % KINDS.length]!;
    const serial = String(i).padStart(5, '0');
    const count = 100 + ((i * 7919) % 99_900);
    const year = 1990 + (i % 35);
    const columns = [...baseColumns(noun), ...extra.map((c) => COLUMNS[c]!)];
    tables.push({
      schema,
      name: `${schema}.${kind}_${serial}`,
      type: 'table',
      description: `${title} of ${count.toLocaleString('en')} ${noun}, survey ${serial} (${year}); a synthetic table that holds no rows.`,
      columns,
      rowless: true,
    });
  }
  const out = { schemas, tables };
  cache.set(n, out);
  return out;
}

/** What the service publishes: the demo catalogue plus any extra tables. */
export interface Catalogue {
  schemas: SchemaMeta[];
  tables: TableMeta[];
  foreignKeys: ForeignKeyMeta[];
  /** Tables by lower-cased qualified name. */
  byName: Map<string, TableMeta>;
}

const catalogues = new Map<number, Catalogue>();

export function catalogueWith(extra: number): Catalogue {
  const cached = catalogues.get(extra);
  if (cached) return cached;
  const more = extraTables(extra);
  const tables = [...baseTables, ...more.tables];
  const cat = { schemas: [...baseSchemas, ...more.schemas], tables, foreignKeys, byName: new Map(tables.map((t) => [t.name.toLowerCase(), t])) };
  catalogues.set(extra, cat);
  return cat;
}

const lit = (v: string | number | undefined): string =>
  v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;

function insertAll(table: string, rows: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) out.push(`INSERT INTO ${table} VALUES ${rows.slice(i, i + 1000).join(',\n')};`);
  return out.join('\n');
}

/** SQL that adds the extra tables to TAP_SCHEMA (after the demo catalogue's own rows). */
export function extraTapSchemaSql(n: number): string {
  if (n <= 0) return '';
  const more = extraTables(n);
  const schemaRows = more.schemas.map((s, i) => `(${lit(s.name)}, NULL, ${lit(s.description)}, ${baseSchemas.length + i})`);
  const tableRows = more.tables.map(
    (t, i) => `(${lit(t.schema)}, ${lit(t.name)}, ${lit(t.type)}, NULL, ${lit(t.description)}, ${baseTables.length + i})`,
  );
  const columnRows = more.tables.flatMap((t) =>
    t.columns.map(
      (c, i) =>
        `(${[lit(t.name), lit(publishedName(c)), lit(c.datatype), lit(c.arraysize), lit(c.xtype), 'NULL', lit(c.description), lit(c.utype), lit(c.unit), lit(c.ucd), c.indexed ? 1 : 0, c.principal ? 1 : 0, c.std ? 1 : 0, i].join(', ')})`,
    ),
  );
  return [insertAll('tap_schema.schemas', schemaRows), insertAll('tap_schema.tables', tableRows), insertAll('tap_schema.columns', columnRows)].join('\n');
}
