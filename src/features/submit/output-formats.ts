/** Output formats offered by a service, labelled for people, BINARY2 VOTable first when offered. */
import type { TapCapabilities } from '../../protocol/tap';

export interface FormatChoice {
  /** Sent as RESPONSEFORMAT. */
  value: string;
  label: string;
}

function isBinary2(f: { mime: string; aliases: string[] }): boolean {
  return /serialization\s*=\s*"?binary2/i.test(f.mime) || f.aliases.some((a) => /^(votable\/b2|binary2|votableb2)$/i.test(a));
}

function labelFor(f: { mime: string; aliases: string[] }): string {
  const m = f.mime.toLowerCase();
  let name: string;
  if (isBinary2(f)) name = 'VOTable BINARY2';
  else if (/serialization\s*=\s*"?binary/i.test(m)) name = 'VOTable BINARY';
  else if (/serialization\s*=\s*"?fits/i.test(m)) name = 'VOTable FITS';
  else if (/votable|x-votable/.test(m) || m === 'text/xml' || m === 'application/xml') name = 'VOTable';
  else if (m.startsWith('text/csv')) name = 'CSV';
  else if (m.startsWith('text/tab-separated-values')) name = 'TSV';
  else if (m.includes('fits')) name = 'FITS';
  else if (m.includes('json')) name = 'JSON';
  else if (m.startsWith('text/html')) name = 'HTML';
  else if (m.includes('parquet')) name = 'Parquet';
  else name = f.aliases[0] ?? f.mime;
  return name;
}

export function formatChoices(caps: TapCapabilities | undefined): FormatChoice[] {
  if (!caps) return [];
  const formats = caps.outputFormats.filter((f) => f.mime.trim() !== '');
  const ordered = [...formats.filter(isBinary2), ...formats.filter((f) => !isBinary2(f))];
  const names = ordered.map(labelFor);
  // A short name where it is unambiguous; the MIME type where two formats share a name.
  return ordered.map((f, i) => ({
    value: f.mime,
    label: names.filter((n) => n === names[i]).length > 1 ? `${names[i]} (${f.mime})` : names[i]!,
  }));
}

/** The format to select when the user has not chosen one: BINARY2 where offered, else the service default. */
export function preferredFormat(caps: TapCapabilities | undefined): string {
  const b2 = caps?.outputFormats.find(isBinary2);
  return b2 ? b2.mime : '';
}

/** LANG values: each language as such and with each version (ADQL, ADQL-2.0, ADQL-2.1). */
export function languageChoices(caps: TapCapabilities | undefined): string[] {
  const out = ['ADQL'];
  for (const l of caps?.languages ?? []) {
    if (!out.includes(l.name)) out.push(l.name);
    for (const v of l.versions) {
      const value = `${l.name}-${v}`;
      if (!out.includes(value)) out.push(value);
    }
  }
  return out;
}
