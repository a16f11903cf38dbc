/** The URL and form body of a request: query parameters, repeated for arrays, left out when undefined. */

export type ParamValue = string | number | readonly (string | number)[] | undefined;

/**
 * Append query parameters to a URL (absolute or relative); arrays give
 * repeated parameters, undefined ones are left out.
 */
export function withQuery(url: string, query: Record<string, ParamValue> | undefined): string {
  const added = query ? formBody(query).toString() : '';
  if (!added) return url;
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${added}${hash < 0 ? '' : url.slice(hash)}`;
}

/** Form-encode parameters; arrays give repeated parameters, undefined ones are left out. */
export function formBody(form: Record<string, ParamValue>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const item of valuesOf(value)) body.append(key, item);
  }
  return body;
}

function valuesOf(value: ParamValue): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  return value.map(String);
}

/** The origin of a URL (a relative one resolved against the page), or null when there is none. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url, globalThis.location?.href).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
