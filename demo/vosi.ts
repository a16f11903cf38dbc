/** VOSI documents: availability, capabilities (with TAPRegExt) and the table set. */
import { publishedName, udfs, type ColumnMeta, type TableMeta } from './catalogue.ts';
import { catalogueWith, type Catalogue } from './extra-tables.ts';
import { ADVERTISED_FORMATS, xmlEscape } from './votable.ts';

export interface CapabilityLimits {
  maxrecDefault: number;
  maxrecLimit: number;
  executionDurationDefault: number;
  executionDurationMax: number;
  destructionDefaultSeconds: number;
  destructionMaxSeconds: number;
  uploadLimitBytes: number;
  auth: boolean;
  /** Leave VOSI /tables out (a service that publishes TAP_SCHEMA only). */
  noTables?: boolean;
}

export function availabilityXml(available: boolean, note: string, upSince: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
  <vosi:available>${available}</vosi:available>
  <vosi:upSince>${upSince.toISOString()}</vosi:upSince>
  <vosi:note>${xmlEscape(note)}</vosi:note>
</vosi:availability>
`;
}

export function capabilitiesXml(base: string, l: CapabilityLimits): string {
  const security = l.auth ? '      <securityMethod standardID="ivo://ivoa.net/sso#token"/>\n' : '';
  const iface = (path: string, role = ' role="std" version="1.1"') =>
    `    <interface xsi:type="vs:ParamHTTP"${role}>\n      <accessURL use="base">${xmlEscape(base + path)}</accessURL>\n${role ? security : ''}    </interface>\n`;
  const formats = ADVERTISED_FORMATS.map(
    (f) => `    <outputFormat>\n      <mime>${xmlEscape(f.mime)}</mime>\n${f.aliases.map((a) => `      <alias>${a}</alias>\n`).join('')}    </outputFormat>\n`,
  ).join('');
  const udf = udfs
    .map(
      (u) =>
        `        <feature>\n          <form>${xmlEscape(u.signature)}</form>\n          <description>${xmlEscape(u.description)}</description>\n        </feature>\n`,
    )
    .join('');
  const geo = ['POINT', 'CIRCLE', 'BOX', 'CONTAINS', 'INTERSECTS', 'DISTANCE', 'COORD1', 'COORD2']
    .map((g) => `        <feature><form>${g}</form></feature>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"
    xmlns:vr="http://www.ivoa.net/xml/VOResource/v1.0"
    xmlns:tr="http://www.ivoa.net/xml/TAPRegExt/v1.0">
  <capability standardID="ivo://ivoa.net/std/TAP" xsi:type="tr:TableAccess">
${iface('')}    <language>
      <name>ADQL</name>
      <version ivo-id="ivo://ivoa.net/std/ADQL#v2.0">2.0</version>
      <description>ADQL 2.0 (the common subset: SELECT, JOIN, WHERE, GROUP BY, ORDER BY, aggregates, geometry with POINT, CIRCLE and BOX)</description>
      <languageFeatures type="ivo://ivoa.net/std/TAPRegExt#features-udf">
${udf}      </languageFeatures>
      <languageFeatures type="ivo://ivoa.net/std/TAPRegExt#features-adqlgeo">
${geo}      </languageFeatures>
    </language>
${formats}    <uploadMethod ivo-id="ivo://ivoa.net/std/TAPRegExt#upload-inline"/>
    <uploadMethod ivo-id="ivo://ivoa.net/std/TAPRegExt#upload-http"/>
    <retentionPeriod>
      <default>${l.destructionDefaultSeconds}</default>
      <hard>${l.destructionMaxSeconds}</hard>
    </retentionPeriod>
    <executionDuration>
      <default>${l.executionDurationDefault}</default>
      <hard>${l.executionDurationMax}</hard>
    </executionDuration>
    <outputLimit>
      <default unit="row">${l.maxrecDefault}</default>
      <hard unit="row">${l.maxrecLimit}</hard>
    </outputLimit>
    <uploadLimit>
      <hard unit="byte">${l.uploadLimitBytes}</hard>
    </uploadLimit>
  </capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
${iface('/capabilities', '')}  </capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#availability">
${iface('/availability', '')}  </capability>
  <capability standardID="ivo://ivoa.net/std/DALI#examples">
    <interface xsi:type="vr:WebBrowser">
      <accessURL use="full">${xmlEscape(base + '/examples')}</accessURL>
    </interface>
  </capability>
${l.noTables ? '' : `  <capability standardID="ivo://ivoa.net/std/VOSI#tables-1.1">\n${iface('/tables', '')}  </capability>\n`}</vosi:capabilities>
`;
}

function columnXml(c: ColumnMeta): string {
  let x = `      <column${c.std ? ' std="true"' : ''}>\n        <name>${xmlEscape(publishedName(c))}</name>\n`;
  x += `        <description>${xmlEscape(c.description)}</description>\n`;
  if (c.unit) x += `        <unit>${xmlEscape(c.unit)}</unit>\n`;
  if (c.ucd) x += `        <ucd>${xmlEscape(c.ucd)}</ucd>\n`;
  if (c.utype) x += `        <utype>${xmlEscape(c.utype)}</utype>\n`;
  const attrs = [c.arraysize ? ` arraysize="${c.arraysize}"` : '', c.xtype ? ` extendedType="${c.xtype}"` : ''].join('');
  x += `        <dataType xsi:type="vs:VOTableType"${attrs}>${c.datatype}</dataType>\n`;
  if (c.indexed) x += '        <flag>indexed</flag>\n';
  if (c.principal) x += '        <flag>principal</flag>\n';
  if (c.nullable) x += '        <flag>nullable</flag>\n';
  return `${x}      </column>\n`;
}

/** The VOSI table set; `detail=min` leaves the columns out. */
export function tablesXml(withColumns: boolean, only?: string, cat: Catalogue = catalogueWith(0)): string {
  let x = `<?xml version="1.0" encoding="UTF-8"?>\n`;
  const tableXml = (t: TableMeta, root: boolean) => {
    let s = root
      ? `<vosi:table xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" type="${t.type}">\n`
      : `    <table type="${t.type}">\n`;
    s += `      <name>${xmlEscape(t.name)}</name>\n      <description>${xmlEscape(t.description)}</description>\n`;
    if (withColumns) {
      s += t.columns.map(columnXml).join('');
      for (const k of cat.foreignKeys.filter((fk) => fk.fromTable === t.name)) {
        s += `      <foreignKey>\n        <targetTable>${xmlEscape(k.targetTable)}</targetTable>\n`;
        for (const c of k.columns) {
          s += `        <fkColumn>\n          <fromColumn>${xmlEscape(c.from)}</fromColumn>\n          <targetColumn>${xmlEscape(c.target)}</targetColumn>\n        </fkColumn>\n`;
        }
        s += `        <description>${xmlEscape(k.description)}</description>\n      </foreignKey>\n`;
      }
    }
    return s + (root ? '</vosi:table>\n' : '    </table>\n');
  };
  if (only) {
    const t = cat.byName.get(only.toLowerCase());
    return t ? x + tableXml(t, true) : '';
  }
  x += `<vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1">\n`;
  const bySchema = new Map<string, TableMeta[]>();
  for (const t of cat.tables) {
    const list = bySchema.get(t.schema);
    if (list) list.push(t);
    else bySchema.set(t.schema, [t]);
  }
  for (const s of cat.schemas) {
    x += `  <schema>\n    <name>${xmlEscape(s.name)}</name>\n    <description>${xmlEscape(s.description)}</description>\n`;
    x += (bySchema.get(s.name) ?? []).map((t) => tableXml(t, false)).join('');
    x += '  </schema>\n';
  }
  return `${x}</vosi:tableset>\n`;
}
