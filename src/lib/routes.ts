/**
 * Every deep link of the app is built and read here, so that a URL copied
 * from the address bar always restores the same view.
 */
import { EXECUTION_PHASES, isExecutionPhase, type ExecutionPhase } from '../protocol/uws/types';

export interface JobListFilters {
  phases?: ExecutionPhase[];
  after?: Date;
  last?: number;
  q?: string;
  /** Creation-time order; newest first when absent. */
  sort?: 'newest' | 'oldest';
}

export type ServiceScope = string | 'all';

export function homePath(): string {
  return '/';
}

/** The services screen showing one service. */
export function servicePath(tapUrl: string): string {
  return `/?${new URLSearchParams({ service: tapUrl }).toString()}`;
}

/** The id of the credential form on a service's screen, the target of credentialPath. */
export const CREDENTIAL_FORM_ID = 'credential';

/** The services screen showing one service, at its credential form. */
export function credentialPath(tapUrl: string): string {
  return `${servicePath(tapUrl)}#${CREDENTIAL_FORM_ID}`;
}

export function jobListPath(tapUrl: ServiceScope, filters: JobListFilters = {}): string {
  const params = new URLSearchParams();
  params.set('service', tapUrl);
  const phases = filters.phases ? EXECUTION_PHASES.filter((p) => filters.phases!.includes(p)) : [];
  for (const p of phases) params.append('phase', p);
  if (filters.after && !Number.isNaN(filters.after.getTime())) params.set('after', filters.after.toISOString());
  if (filters.last !== undefined && Number.isInteger(filters.last) && filters.last > 0) params.set('last', String(filters.last));
  if (filters.q && filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.sort === 'oldest') params.set('sort', 'oldest');
  return `/jobs?${params.toString()}`;
}

export function jobPath(tapUrl: string, jobUrl: string): string {
  const params = new URLSearchParams({ service: tapUrl, url: jobUrl });
  return `/job?${params.toString()}`;
}

export function submitPath(tapUrl: string): string {
  return `/submit?${new URLSearchParams({ service: tapUrl }).toString()}`;
}

export interface JobListSearch extends JobListFilters {
  /** null when the link names no service. */
  service: ServiceScope | null;
  phases: ExecutionPhase[];
}

function toParams(search: URLSearchParams | string): URLSearchParams {
  return typeof search === 'string' ? new URLSearchParams(search) : search;
}

/** Read /jobs search params; anything malformed is dropped rather than failing the page. */
export function parseJobListSearch(search: URLSearchParams | string): JobListSearch {
  const params = toParams(search);
  const service = params.get('service');
  const phases = [...new Set(params.getAll('phase').map((p) => p.toUpperCase()).filter(isExecutionPhase))];
  const out: JobListSearch = { service: service && service.trim() ? service.trim() : null, phases };
  const after = params.get('after');
  if (after) {
    const d = new Date(after);
    if (!Number.isNaN(d.getTime())) out.after = d;
  }
  const last = params.get('last');
  if (last && /^\d+$/.test(last) && Number(last) > 0) out.last = Number(last);
  const q = params.get('q');
  if (q && q.trim()) out.q = q.trim();
  if (params.get('sort') === 'oldest') out.sort = 'oldest';
  return out;
}

export interface JobSearch {
  service: string | null;
  url: string | null;
}

export function parseJobSearch(search: URLSearchParams | string): JobSearch {
  const params = toParams(search);
  return { service: params.get('service') || null, url: params.get('url') || null };
}
