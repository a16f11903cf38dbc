/**
 * VOSI availability and capabilities of a TAP service, with the TAPRegExt
 * details a job manager needs (output formats, languages, limits, uploads).
 */
import { ProtocolError, ServerError, ServiceReportedError } from '../http/errors';
import type { Transport } from '../http/transport';
import { findVoTableError } from '../http/votable-error';
import { attribute, childElements, descendants, firstChild, parseXml, readDocument, snippet, textContent, type XmlElement } from '../uws/xml';

export interface TapLimit {
  default: number | null;
  hard: number | null;
}

export interface TapCapabilities {
  outputFormats: { mime: string; aliases: string[] }[];
  languages: { name: string; versions: string[] }[];
  maxRec: TapLimit;
  executionDuration: TapLimit;
  retentionPeriod: TapLimit;
  /** ivo-id of each upload method (e.g. ivo://ivoa.net/std/TAPRegExt#upload-inline). */
  uploadMethods: string[];
  /** Bytes, or null when not stated. */
  uploadLimit: number | null;
  /**
   * True when every interface of the TAP capability names a login method
   * (VOResource securityMethod with a standardID) and none allows anonymous use.
   */
  loginRequired?: boolean;
  /** The service's own functions (TAPRegExt languageFeatures of type features-udf). */
  functions?: TapFunction[];
}

export interface TapFunction {
  name: string;
  /** The signature as the service writes it, e.g. "gavo_getauthority(ivoid TEXT) -> TEXT". */
  form: string;
  description: string;
}

/** Whether the capability's interfaces all ask for a login (a securityMethod without standardID means anonymous). */
function requiresLogin(capability: XmlElement): boolean {
  const interfaces = childElements(capability, 'interface');
  if (interfaces.length === 0) return false;
  return interfaces.every((iface) => {
    const methods = childElements(iface, 'securityMethod');
    return methods.length > 0 && methods.every((m) => (attribute(m, 'standardID') ?? '').trim() !== '');
  });
}

/** The user-defined functions a TAP capability declares. */
function readFunctions(capability: XmlElement): TapFunction[] {
  const functions: TapFunction[] = [];
  for (const language of childElements(capability, 'language')) {
    for (const features of childElements(language, 'languageFeatures')) {
      if (!/#features-udf$/i.test(attribute(features, 'type')?.trim() ?? '')) continue;
      for (const feature of childElements(features, 'feature')) {
        const form = textContent(firstChild(feature, 'form') ?? feature).replace(/\s+/g, ' ').trim();
        const name = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(form)?.[1];
        const description = firstChild(feature, 'description');
        if (name) functions.push({ name, form, description: description ? textContent(description).replace(/\s+/g, ' ').trim() : '' });
      }
    }
  }
  return functions;
}

function endpoint(tapUrl: string, name: string): string {
  return `${tapUrl.replace(/\/+$/, '')}/${name}`;
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Read a VOSI availability document. */
export function parseAvailability(xml: string, documentUrl: string): { available: boolean; note: string | null } {
  const expected = 'a VOSI availability document';
  const root = parseXml(xml, documentUrl, expected);
  const available = root.local === 'availability' ? firstChild(root, 'available') : undefined;
  if (!available) {
    throw new ProtocolError(`Expected ${expected}, but received <${root.name}>. It began: ${JSON.stringify(snippet(xml).trim())}`, {
      url: documentUrl,
      received: xml,
    });
  }
  const value = textContent(available).trim().toLowerCase();
  const notes = childElements(root, 'note')
    .map((note) => textContent(note).trim())
    .filter(Boolean);
  return { available: value === 'true' || value === '1', note: notes.length > 0 ? notes.join('\n') : null };
}

function limit(element: XmlElement | undefined, unit: string | null): TapLimit {
  const read = (name: string): number | null => {
    const child = element ? firstChild(element, name) : undefined;
    if (!child) return null;
    const childUnit = attribute(child, 'unit')?.trim().toLowerCase();
    if (unit !== null && childUnit !== undefined && childUnit !== unit) return null;
    return numberOrNull(textContent(child));
  };
  return { default: read('default'), hard: read('hard') };
}

/**
 * The TAP capability: the one typed tr:TableAccess (it carries the TAPRegExt
 * details), else the one whose standardID is exactly the TAP one. Capabilities
 * like `ivo://ivoa.net/std/TAP#async-1.1` only name an endpoint.
 */
function findTapCapability(root: XmlElement): XmlElement | undefined {
  const capabilities = descendants(root, 'capability');
  return (
    capabilities.find((capability) => /(^|:)TableAccess$/.test(attribute(capability, 'type')?.trim() ?? '')) ??
    capabilities.find((capability) => attribute(capability, 'standardID')?.trim().toLowerCase() === 'ivo://ivoa.net/std/tap')
  );
}

/** Read a VOSI capabilities document and the TAPRegExt details of its TAP capability. */
export function parseCapabilities(xml: string, documentUrl: string): TapCapabilities {
  const expected = 'a VOSI capabilities document';
  const root = parseXml(xml, documentUrl, expected);
  if (root.local !== 'capabilities') {
    throw new ProtocolError(`Expected ${expected}, but received <${root.name}>. It began: ${JSON.stringify(snippet(xml).trim())}`, {
      url: documentUrl,
      received: xml,
    });
  }
  const capability = findTapCapability(root);
  if (!capability) {
    throw new ProtocolError(`The capabilities document at ${documentUrl} declares no TAP capability.`, { url: documentUrl, received: xml });
  }
  const outputLimit = firstChild(capability, 'outputLimit');
  const uploadLimit = limit(firstChild(capability, 'uploadLimit'), 'byte');
  return {
    outputFormats: childElements(capability, 'outputFormat').map((format) => ({
      mime: textContent(firstChild(format, 'mime') ?? format).trim(),
      aliases: childElements(format, 'alias').map((alias) => textContent(alias).trim()).filter(Boolean),
    })),
    languages: childElements(capability, 'language').map((language) => ({
      name: textContent(firstChild(language, 'name') ?? language).trim(),
      versions: childElements(language, 'version').map((version) => textContent(version).trim()).filter(Boolean),
    })),
    maxRec: limit(outputLimit, 'row'),
    executionDuration: limit(firstChild(capability, 'executionDuration'), null),
    retentionPeriod: limit(firstChild(capability, 'retentionPeriod'), null),
    uploadMethods: childElements(capability, 'uploadMethod')
      .map((method) => (attribute(method, 'ivo-id') ?? textContent(method)).trim())
      .filter(Boolean),
    uploadLimit: uploadLimit.hard ?? uploadLimit.default,
    functions: readFunctions(capability),
    loginRequired: requiresLogin(capability),
  };
}

/**
 * Ask the service whether it is up. A 5xx answer counts as "not available"
 * (with the error as note); other failures are raised.
 */
export async function getAvailability(
  tapUrl: string,
  transport: Transport,
  opts: { signal?: AbortSignal } = {},
): Promise<{ available: boolean; note: string | null }> {
  const url = endpoint(tapUrl, 'availability');
  try {
    const response = await transport.request(url, { signal: opts.signal });
    const text = await response.text();
    return readDocument(parseAvailability, text, response, response.url || url);
  } catch (error) {
    if (error instanceof ServerError) {
      return { available: false, note: error.serviceMessage ?? `HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''}` };
    }
    throw error;
  }
}

export async function getCapabilities(tapUrl: string, transport: Transport, opts: { signal?: AbortSignal } = {}): Promise<TapCapabilities> {
  const url = endpoint(tapUrl, 'capabilities');
  const response = await transport.request(url, { signal: opts.signal });
  const text = await response.text();
  const serviceMessage = findVoTableError(text);
  if (serviceMessage !== null) throw new ServiceReportedError(serviceMessage, { url: response.url || url, status: response.status });
  return readDocument(parseCapabilities, text, response, response.url || url);
}
