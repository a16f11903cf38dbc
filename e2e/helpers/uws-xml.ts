/**
 * Reads the UWS XML a service answers, for the end-to-end checks of what the
 * server holds. It is written apart from the app's parser (src/protocol), so
 * the app and the check cannot share a mistake.
 */

export interface ServerJob {
  jobId: string;
  phase: string;
  runId: string | null;
  executionDuration: number | null;
  destruction: Date | null;
  creationTime: Date | null;
  /** Parameters by upper-cased id. */
  parameters: Record<string, string>;
  results: { id: string; href: string }[];
  errorMessage: string | null;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** The raw content of the first `local` element (any prefix), '' when empty, null when absent. */
function content(xml: string, local: string): string | null {
  const m = new RegExp(`<(?:\\w+:)?${local}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${local}>)`).exec(xml);
  if (!m) return null;
  return m[1] === undefined ? '' : m[1].trim();
}

function element(xml: string, local: string): string | null {
  const raw = content(xml, local);
  return raw === null ? null : decode(raw);
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s(?:\\w+:)?${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
}

const date = (text: string | null) => (text ? new Date(text) : null);

export function readJobXml(xml: string): ServerJob {
  const parameters: Record<string, string> = {};
  for (const m of xml.matchAll(/<(?:\w+:)?parameter\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?parameter>)/g)) {
    const id = attr(m[1]!, 'id');
    if (id) parameters[id.toUpperCase()] = decode((m[2] ?? '').trim());
  }
  const results: { id: string; href: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?result\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'id');
    const href = attr(m[1]!, 'href');
    if (id && href) results.push({ id, href });
  }
  const duration = element(xml, 'executionDuration');
  const errorSummary = content(xml, 'errorSummary');
  return {
    jobId: element(xml, 'jobId') ?? '',
    phase: element(xml, 'phase') ?? '',
    runId: element(xml, 'runId') || null,
    executionDuration: duration ? Number(duration) : null,
    destruction: date(element(xml, 'destruction')),
    creationTime: date(element(xml, 'creationTime')),
    parameters,
    results,
    errorMessage: errorSummary === null ? null : element(errorSummary, 'message'),
  };
}

/** The job URLs of a UWS job list, resolved against the list's URL. */
export function readJobListXml(xml: string, listUrl: string): string[] {
  const urls: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?jobref\b([^>]*)>/g)) {
    const href = attr(m[1]!, 'href');
    const id = attr(m[1]!, 'id');
    if (href) urls.push(new URL(href, listUrl).toString());
    else if (id) urls.push(`${listUrl}/${id}`);
  }
  return urls;
}
