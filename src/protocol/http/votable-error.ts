/**
 * Detection of DALI error documents: a VOTable whose
 * `<INFO name="QUERY_STATUS" value="ERROR">` carries the service's message.
 * Services send these with HTTP 200 as well as with error statuses, so every
 * answer that should have been something else is checked for one.
 */

const VOTABLE_ROOT = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<(?:[A-Za-z_][\w.-]*:)?VOTABLE[\s>/]/;
const INFO_ELEMENT = /<((?:[A-Za-z_][\w.-]*:)?INFO)(\s[^>]*?)?(\/>|>([\s\S]*?)<\/\1\s*>)/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** True when the text starts like a VOTable document (after PIs and comments). */
export function looksLikeVoTable(text: string): boolean {
  return VOTABLE_ROOT.test(stripBom(text.slice(0, 4096)));
}

/**
 * The service's message when `text` is a VOTable error document, else null.
 * A VOTable with `QUERY_STATUS` `ERROR` but no text gives ''.
 */
export function findVoTableError(text: string): string | null {
  if (!looksLikeVoTable(text)) return null;
  for (const match of text.matchAll(INFO_ELEMENT)) {
    const attributes = readAttributes(match[2] ?? '');
    if (attributes.get('name')?.trim().toUpperCase() !== 'QUERY_STATUS') continue;
    if (attributes.get('value')?.trim().toUpperCase() !== 'ERROR') continue;
    const content = match[4] === undefined ? '' : decodeXmlText(stripMarkup(match[4])).trim();
    return content || (attributes.get('content')?.trim() ?? '');
  }
  return null;
}

function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1] ?? '';
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    attributes.set(local, decodeXmlText(match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

function stripMarkup(content: string): string {
  return content.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, cdata: string) => escapeForDecode(cdata)).replace(/<[^>]*>/g, '');
}

function escapeForDecode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decode the five predefined XML entities and numeric character references.
 * Anything else (`&foo;`) is left as it stands: no other entity is ever expanded.
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return PREDEFINED[body] ?? whole;
  });
}
