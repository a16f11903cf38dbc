/**
 * Which URLs a service sends may become links or downloads: absolute http and
 * https URLs only. Anything else (javascript:, data:, vbscript:, file:, blob:,
 * relative paths, text with blanks around it) is shown as text.
 */

/**
 * The URL to link to when `text` is, in its entirety, an absolute http or
 * https URL; null for anything else.
 */
export function safeHttpUrl(text: string): string | null {
  if (!/^https?:\/\/[^\s]+$/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}

/** Why a URL from a service is shown as text instead of a link, in plain words. */
export function unsafeUrlNote(text: string): string {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') {
    return `Not a web address (${scheme}:), so it is shown as text and not opened.`;
  }
  return 'Not an absolute http(s) address, so it is shown as text and not opened.';
}
