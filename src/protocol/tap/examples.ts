/**
 * The example queries a TAP service publishes at {tap}/examples (DALI
 * examples: an XHTML page whose examples carry RDFa `property="query"`), so a
 * newcomer can start from a query that works on this service.
 */
import type { Transport } from '../http/transport';

export interface ServiceExample {
  name: string;
  query: string;
  /** What the service says about it (the example's other text), or '' when nothing. */
  description: string;
  /**
   * Parameters the example needs besides its query (upper-case names): DALI
   * generic-parameter key/value pairs, or a row limit its text asks for ("set MAXREC to 1000000").
   */
  parameters: Record<string, string>;
}

/** The parameters an example carries (DALI `generic-parameter`) or asks for in its text. */
function parametersOf(scope: Element, description: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const el of scope.querySelectorAll('[property~="generic-parameter"]')) {
    const key = squeeze(el.querySelector('[property~="key"]')?.textContent).toUpperCase();
    const value = squeeze(el.querySelector('[property~="value"]')?.textContent);
    if (/^[A-Z][A-Z0-9_]*$/.test(key) && value) parameters[key] = value;
  }
  const asked = /\bMAXREC\s*(?:to|=|of)\s*([\d][\d,_ ]*\d|\d)/i.exec(description);
  if (!parameters.MAXREC && asked) parameters.MAXREC = asked[1]!.replace(/[,_ ]/g, '');
  return parameters;
}

const MAX_EXAMPLES = 100;

const MAX_DESCRIPTION = 400;

const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The text of an example other than its name and its query. */
function describe(scope: Element): string {
  const copy = scope.cloneNode(true) as Element;
  for (const el of copy.querySelectorAll('[property~="name"], [property~="query"], [property~="generic-parameter"]')) el.remove();
  const text = squeeze(copy.textContent);
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

/** The examples of a DALI examples document; none when it has no RDFa query. */
export function parseExamples(html: string): ServiceExample[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const examples: ServiceExample[] = [];
  for (const el of doc.querySelectorAll('[property~="query"]')) {
    const query = (el.textContent ?? '').trim();
    if (!query) continue;
    // The example is the nearest element that declares one; its name is a property inside it.
    const scope = el.closest('[typeof~="example"]') ?? el.parentElement;
    const named = scope?.querySelector('[property~="name"]');
    const name = squeeze(named?.textContent) || scope?.getAttribute('id') || `Example ${examples.length + 1}`;
    const description = scope ? describe(scope) : '';
    examples.push({ name, query, description, parameters: scope ? parametersOf(scope, description) : {} });
    if (examples.length >= MAX_EXAMPLES) break;
  }
  return examples;
}

/** Read and parse the service's examples page. */
export async function getExamples(tapUrl: string, transport: Transport, opts: { signal?: AbortSignal } = {}): Promise<ServiceExample[]> {
  const url = `${tapUrl.replace(/\/+$/, '')}/examples`;
  const response = await transport.request(url, { signal: opts.signal });
  return parseExamples(await response.text());
}
