/**
 * Every deep link of the app is built and read here, so that a URL copied
 * from the address bar always restores the same view.
 */
import { EXECUTION_PHASES, isExecutionPhase, type ExecutionPhase } from '../protocol/uws/types';

export interface JobListFilters {
  phases?: ExecutionPhase[];
  after?: Date;
  /** End of the time window: jobs created before this. */
  before?: Date;
  last?: number;
  q?: string;
  owner?: string;
  runId?: string;
  /** Only jobs that look stuck. */
  stuck?: boolean;
  /** Queued longer than this many minutes counts as stuck. */
  stuckQueuedMinutes?: number;
  /** Column order: a column id, descending when `desc`; newest first by creation when absent. */
  sort?: { column: string; desc: boolean };
  /** The name of the saved view these filters came from. */
  view?: string;
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
  if (filters.before && !Number.isNaN(filters.before.getTime())) params.set('before', filters.before.toISOString());
  if (filters.q && filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.owner && filters.owner.trim()) params.set('owner', filters.owner.trim());
  if (filters.runId && filters.runId.trim()) params.set('runid', filters.runId.trim());
  if (filters.stuck) params.set('stuck', '1');
  if (filters.stuckQueuedMinutes !== undefined && filters.stuckQueuedMinutes > 0) params.set('queued', String(filters.stuckQueuedMinutes));
  if (filters.sort && !(filters.sort.column === 'created' && filters.sort.desc)) {
    // Oldest first keeps the spelling older links use.
    params.set('sort', filters.sort.column === 'created' ? 'oldest' : `${filters.sort.desc ? '-' : ''}${filters.sort.column}`);
  }
  if (filters.view && filters.view.trim()) params.set('view', filters.view.trim());
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
  const before = params.get('before');
  if (before) {
    const d = new Date(before);
    if (!Number.isNaN(d.getTime())) out.before = d;
  }
  const q = params.get('q');
  if (q && q.trim()) out.q = q.trim();
  const owner = params.get('owner');
  if (owner && owner.trim()) out.owner = owner.trim();
  const runId = params.get('runid');
  if (runId && runId.trim()) out.runId = runId.trim();
  if (params.get('stuck') === '1') out.stuck = true;
  const queued = params.get('queued');
  if (queued && /^\d+$/.test(queued) && Number(queued) > 0) out.stuckQueuedMinutes = Number(queued);
  const sort = params.get('sort');
  // 'oldest' is the older spelling of the creation-time order.
  if (sort === 'oldest') out.sort = { column: 'created', desc: false };
  else if (sort && /^-?[A-Za-z]+$/.test(sort)) out.sort = { column: sort.replace(/^-/, ''), desc: sort.startsWith('-') };
  const view = params.get('view');
  if (view && view.trim()) out.view = view.trim();
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
