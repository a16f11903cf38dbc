/**
 * A UWS client bound to one job list, written for what services do in a
 * browser:
 *
 * - POSTs are answered with 303 See Other; fetch follows it and the page
 *   cannot read Location, so the job URL is the followed response's URL.
 * - Only GET and POST with form-encoded (or, for uploads, multipart) bodies, so
 *   no CORS preflight is needed; a job is deleted with POST ACTION=DELETE.
 * - Job URLs need not lie under the list URL; the URL the server gives is kept.
 * - Errors may come back as HTTP 200 with a VOTable error document, also as
 *   the body of a followed 303.
 * - Servers may ignore or alter a requested destruction time or duration, so
 *   after each change the job is read again and what the server holds returned.
 * - Nothing that changes a job is retried.
 * - One call, one request (two when a POST's answer is not the job): no
 *   loops, no schedule. When to look again is the query layer's business.
 */
import { NotFoundError, ProtocolError, ServiceReportedError } from '../http/errors';
import { formBody, type Transport, type TransportResponse } from '../http/transport';
import { decodeXmlText, findVoTableError } from '../http/votable-error';
import { formatIsoDate } from './iso-date';
import { lastPathSegment, parseJob } from './parse-job';
import { parseJobList } from './parse-job-list';
import { parsePlainValue } from './plain-text';
import type { ExecutionPhase, JobRef, UwsJob } from './types';
import { readDocument } from './xml';

export interface ListJobsOptions {
  phases?: readonly ExecutionPhase[];
  after?: Date;
  last?: number;
  signal?: AbortSignal;
}

export interface GetJobOptions {
  /** Seconds to block on the server (UWS 1.1 WAIT); capped at 60. */
  wait?: number;
  /** With wait: the phase the caller believes the job is in. */
  phase?: ExecutionPhase;
  signal?: AbortSignal;
}

export type JobParameterValue = string | number | readonly string[];

export interface UwsClient {
  readonly listUrl: string;
  listJobs(options?: ListJobsOptions): Promise<JobRef[]>;
  getJob(jobUrl: string, options?: GetJobOptions): Promise<UwsJob>;
  /** files => multipart/form-data; otherwise form-encoded. Never retried. */
  createJob(
    params: Record<string, JobParameterValue | undefined>,
    options?: { signal?: AbortSignal; files?: Record<string, Blob> },
  ): Promise<UwsJob>;
  runJob(jobUrl: string, options?: { signal?: AbortSignal }): Promise<UwsJob>;
  abortJob(jobUrl: string, options?: { signal?: AbortSignal }): Promise<UwsJob>;
  deleteJob(jobUrl: string, options?: { signal?: AbortSignal }): Promise<void>;
  setExecutionDuration(jobUrl: string, seconds: number, options?: { signal?: AbortSignal }): Promise<UwsJob>;
  setDestruction(jobUrl: string, when: Date, options?: { signal?: AbortSignal }): Promise<UwsJob>;
  getErrorDetail(jobUrl: string, options?: { signal?: AbortSignal }): Promise<string | null>;
  /** A bare id => listUrl + '/' + id; an absolute URL as is. */
  jobUrlFor(jobIdOrUrl: string): string;
}

/** The longest single WAIT sent to a server, in seconds. */
export const MAX_WAIT_SECONDS = 60;
/** Phases in which a UWS 1.1 service blocks on WAIT until the phase changes. */
export const WAIT_BLOCKING_PHASES: ReadonlySet<ExecutionPhase> = new Set(['PENDING', 'QUEUED', 'EXECUTING']);
/** Extra HTTP time allowed on top of a WAIT. */
const WAIT_MARGIN_MS = 15_000;

/** `url` resolved against `base` (and a relative base against the page), or `url` as given when that fails. */
function resolveUrl(url: string, base: string): string {
  try {
    return new URL(url, new URL(base, globalThis.location?.href)).toString();
  } catch {
    return url;
  }
}

export function createUwsClient(options: { listUrl: string; transport: Transport }): UwsClient {
  const listUrl = options.listUrl.trim().replace(/\/+$/, '');
  const transport = options.transport;

  function jobUrlFor(jobIdOrUrl: string): string {
    const value = jobIdOrUrl.trim();
    if (/^https?:\/\//i.test(value)) return value;
    // A job id never contains a slash: anything with one is a URL relative to the list.
    if (value.includes('/')) return resolveUrl(value, listUrl);
    return `${listUrl}/${encodeURIComponent(value)}`;
  }

  function sub(jobUrl: string, name: string): string {
    const parsed = new URL(jobUrlFor(jobUrl), globalThis.location?.href);
    parsed.search = '';
    parsed.hash = '';
    parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/${name}`;
    return parsed.toString();
  }

  /** The job's own URL: no query, no fragment, no trailing slash. */
  function canonical(url: string): string {
    try {
      const parsed = new URL(url, globalThis.location?.href);
      parsed.search = '';
      parsed.hash = '';
      parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
      return parsed.toString();
    } catch {
      return url;
    }
  }

  /** Read a body, raising the service's message when it is a VOTable error document. */
  async function readChecked(response: TransportResponse): Promise<string> {
    const text = await response.text();
    const serviceMessage = findVoTableError(text);
    if (serviceMessage !== null) {
      throw new ServiceReportedError(serviceMessage, { url: response.url, status: response.status });
    }
    return text;
  }

  async function getJob(jobUrl: string, getOptions: GetJobOptions = {}): Promise<UwsJob> {
    const url = jobUrlFor(jobUrl);
    let wait: number | undefined;
    if (getOptions.wait !== undefined) {
      wait = getOptions.wait < 0 ? MAX_WAIT_SECONDS : Math.min(Math.floor(getOptions.wait), MAX_WAIT_SECONDS);
    }
    const response = await transport.request(url, {
      query: wait === undefined ? undefined : { WAIT: wait, PHASE: getOptions.phase },
      signal: getOptions.signal,
      ...(wait === undefined ? {} : { timeoutMs: wait * 1000 + WAIT_MARGIN_MS }),
    });
    const text = await readChecked(response);
    return readDocument(parseJob, text, response, canonical(response.url || url));
  }

  /**
   * After a POST that fetch followed to the job document, use that document
   * when it is the job; otherwise read the job again.
   */
  async function jobAfterPost(response: TransportResponse, jobUrl: string, signal: AbortSignal | undefined): Promise<UwsJob> {
    const text = await readChecked(response);
    const finalUrl = canonical(response.url || jobUrl);
    try {
      const job = parseJob(text, finalUrl);
      if (finalUrl === canonical(jobUrl) || job.jobId === lastPathSegment(jobUrl, jobUrl)) return job;
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
    }
    return getJob(jobUrl, { signal });
  }

  async function listOnce(phase: ExecutionPhase | undefined, listOptions: ListJobsOptions): Promise<JobRef[]> {
    const response = await transport.request(listUrl, {
      query: {
        PHASE: phase,
        AFTER: listOptions.after ? formatIsoDate(listOptions.after) : undefined,
        LAST: listOptions.last === undefined ? undefined : Math.max(0, Math.floor(listOptions.last)),
      },
      signal: listOptions.signal,
    });
    const text = await readChecked(response);
    return readDocument(parseJobList, text, response, canonical(response.url || listUrl));
  }

  /**
   * One request per asked phase: UWS 1.1 allows PHASE to repeat, but some
   * services honour only one value, and one PHASE per request means the same
   * on every service. What a service sends outside the asked phases (it may
   * ignore PHASE altogether) is left out, and with LAST the newest of the
   * merged lists are kept.
   */
  async function listJobs(listOptions: ListJobsOptions = {}): Promise<JobRef[]> {
    const phases = [...new Set(listOptions.phases ?? [])];
    if (phases.length === 0) return listOnce(undefined, listOptions);
    const lists = await Promise.all(phases.map((phase) => listOnce(phase, listOptions)));
    const wanted = new Set(phases);
    const byHref = new Map<string, JobRef>();
    for (const ref of lists.flat()) if (wanted.has(ref.phase) && !byHref.has(ref.href)) byHref.set(ref.href, ref);
    const merged = [...byHref.values()];
    if (listOptions.last === undefined || phases.length === 1) return merged;
    const time = (ref: JobRef) => ref.creationTime?.getTime() ?? Number.NEGATIVE_INFINITY;
    return merged.sort((a, b) => time(b) - time(a)).slice(0, Math.max(0, Math.floor(listOptions.last)));
  }

  async function postCreate(
    params: Record<string, JobParameterValue | undefined>,
    files: Record<string, Blob>,
    useMultipart: boolean,
    signal: AbortSignal | undefined,
  ): Promise<TransportResponse> {
    if (!useMultipart) return transport.request(listUrl, { method: 'POST', form: params, signal });
    const form = new FormData();
    for (const [key, value] of formBody(params)) form.append(key, value);
    for (const [name, file] of Object.entries(files)) form.append(name, file, name);
    return transport.request(listUrl, { method: 'POST', multipart: form, signal });
  }

  async function createJob(
    params: Record<string, JobParameterValue | undefined>,
    createOptions: { signal?: AbortSignal; files?: Record<string, Blob> } = {},
  ): Promise<UwsJob> {
    const files = createOptions.files ?? {};
    const useMultipart = Object.keys(files).length > 0;
    // A failure here may come after the POST reached the service, so the job may exist even so; the
    // error's method (POST) tells the words shown to the user. It is never repeated.
    const response = await postCreate(params, files, useMultipart, createOptions.signal);
    const text = await readChecked(response);
    const finalUrl = canonical(response.url || listUrl);
    const location = response.headers.get('location');

    // The usual case: fetch followed the 303 to the new job.
    if (finalUrl !== listUrl) {
      try {
        return parseJob(text, finalUrl);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        return getJob(finalUrl, { signal: createOptions.signal });
      }
    }
    // No redirect seen: a readable Location (201, or a same-origin server) or the job document itself.
    if (location) return getJob(new URL(location, finalUrl).toString(), { signal: createOptions.signal });
    const job = readDocument(parseJob, text, response, finalUrl);
    return { ...job, url: jobUrlFor(job.jobId) };
  }

  async function postPhase(jobUrl: string, phase: 'RUN' | 'ABORT', signal: AbortSignal | undefined): Promise<UwsJob> {
    const url = jobUrlFor(jobUrl);
    const response = await transport.request(sub(url, 'phase'), { method: 'POST', form: { PHASE: phase }, signal });
    return jobAfterPost(response, url, signal);
  }

  async function deleteJob(jobUrl: string, deleteOptions: { signal?: AbortSignal } = {}): Promise<void> {
    const url = jobUrlFor(jobUrl);
    const response = await transport.request(url, { method: 'POST', form: { ACTION: 'DELETE' }, signal: deleteOptions.signal });
    // Errors come back as a VOTable; a redirect to the (possibly long) job list needs no reading.
    if (canonical(response.url || url) !== canonical(url)) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    await readChecked(response);
  }

  async function setExecutionDuration(jobUrl: string, seconds: number, setOptions: { signal?: AbortSignal } = {}): Promise<UwsJob> {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`An execution duration must be 0 (unlimited) or more seconds, not ${seconds}.`);
    const url = jobUrlFor(jobUrl);
    const response = await transport.request(sub(url, 'executionduration'), {
      method: 'POST',
      form: { EXECUTIONDURATION: Math.round(seconds) },
      signal: setOptions.signal,
    });
    await readChecked(response);
    return getJob(url, { signal: setOptions.signal });
  }

  async function setDestruction(jobUrl: string, when: Date, setOptions: { signal?: AbortSignal } = {}): Promise<UwsJob> {
    const url = jobUrlFor(jobUrl);
    const response = await transport.request(sub(url, 'destruction'), {
      method: 'POST',
      form: { DESTRUCTION: formatIsoDate(when) },
      signal: setOptions.signal,
    });
    await readChecked(response);
    return getJob(url, { signal: setOptions.signal });
  }

  async function getErrorDetail(jobUrl: string, detailOptions: { signal?: AbortSignal } = {}): Promise<string | null> {
    let response: TransportResponse;
    try {
      response = await transport.request(sub(jobUrl, 'error'), { signal: detailOptions.signal });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    const text = await response.text();
    // TAP services send the detail as a VOTable error document: its message is the detail.
    const serviceMessage = findVoTableError(text);
    if (serviceMessage !== null) return serviceMessage || null;
    const isHtml = /html/i.test(response.contentType ?? '') || /^\s*(<!doctype\s+html|<html[\s>])/i.test(text);
    return parsePlainValue(isHtml ? htmlToText(text) : text);
  }

  return {
    listUrl,
    listJobs,
    getJob,
    createJob,
    runJob: (jobUrl, runOptions = {}) => postPhase(jobUrl, 'RUN', runOptions.signal),
    abortJob: (jobUrl, abortOptions = {}) => postPhase(jobUrl, 'ABORT', abortOptions.signal),
    deleteJob,
    setExecutionDuration,
    setDestruction,
    getErrorDetail,
    jobUrlFor,
  };
}

/** The readable text of an HTML error page: head, scripts and styles dropped, tags removed, blank runs collapsed. */
function htmlToText(html: string): string {
  return decodeXmlText(
    html
      .replace(/<(head|script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<(br|\/p|\/div|\/h\d|\/li|\/tr)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\r\f]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
