/**
 * The one query key factory. Every key starts with the service and the
 * identity of the credential in use, so that answers read with one
 * credential are never shown after a switch to another. The identity is the
 * credential's kind plus, for a token, a number given to that token in this
 * tab; the token itself never enters a key (keys are hashed into strings that
 * devtools and error reports may show).
 */
import { isPermanent } from '../protocol/http/errors';
import type { Credential, ServiceConfig } from '../lib/services';

/** What a key needs to know about a service. */
export type ServiceKeySource = Pick<ServiceConfig, 'tapUrl' | 'credential'>;

// Token -> number, in memory only, for this tab's lifetime.
const tokenNumbers = new Map<string, number>();

/** A short, non-secret name for a credential: 'none', 'cookies', 'bearer#1', 'bearer#2', … */
export function credentialIdentity(credential: Credential): string {
  if (credential.kind !== 'bearer') return credential.kind;
  let n = tokenNumbers.get(credential.token);
  if (n === undefined) {
    n = tokenNumbers.size + 1;
    tokenNumbers.set(credential.token, n);
  }
  return `bearer#${n}`;
}

export const jobKeys = {
  all: ['uws'] as const,
  /** Everything read from one service, whatever the credential. */
  anyCredential: (tapUrl: string) => [...jobKeys.all, tapUrl] as const,
  /** Everything read from one service with its current credential. */
  service: (service: ServiceKeySource) => [...jobKeys.anyCredential(service.tapUrl), credentialIdentity(service.credential)] as const,
  lists: (service: ServiceKeySource) => [...jobKeys.service(service), 'list'] as const,
  list: (service: ServiceKeySource, filters: object = {}) => [...jobKeys.lists(service), filters] as const,
  detail: (service: ServiceKeySource, jobUrl: string) => [...jobKeys.service(service), 'job', jobUrl] as const,
  errorDetail: (service: ServiceKeySource, jobUrl: string) => [...jobKeys.detail(service, jobUrl), 'error'] as const,
  capabilities: (service: ServiceKeySource) => [...jobKeys.service(service), 'capabilities'] as const,
  availability: (service: ServiceKeySource) => [...jobKeys.service(service), 'availability'] as const,
  examples: (service: ServiceKeySource) => [...jobKeys.service(service), 'examples'] as const,
  /** Whether anything answers at the service's address at all (no credential is sent). */
  answers: (tapUrl: string) => [...jobKeys.anyCredential(tapUrl), 'answers'] as const,
};

/** Keys about the app itself rather than a service. */
export const appKeys = {
  all: ['uws-desk'] as const,
  proxyInfo: () => [...appKeys.all, 'proxy-info'] as const,
};

/** Never retry what a retry cannot fix; otherwise at most twice. */
export function retryUnlessPermanent(failureCount: number, error: unknown): boolean {
  return !isPermanent(error) && failureCount < 2;
}
