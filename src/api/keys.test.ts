import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { JobRef } from '../protocol/uws/types';
import type { ServiceConfig } from '../lib/services';
import { jobListQueryOptions } from './job-list';
import { credentialIdentity, jobKeys } from './keys';

const TAP = 'http://tap.example/tap';
const base: ServiceConfig = { id: 's', label: 'Test', tapUrl: TAP, credential: { kind: 'none' }, preset: false };
const alice: ServiceConfig = { ...base, credential: { kind: 'bearer', token: 'alice-secret-token' } };
const bob: ServiceConfig = { ...base, credential: { kind: 'bearer', token: 'bob-secret-token' } };

describe('jobKeys', () => {
  it('keeps jobs of different services apart and under their service', () => {
    const other = { ...base, tapUrl: 'http://b/tap' };
    expect(jobKeys.detail(base, 'http://x/async/1')).not.toEqual(jobKeys.detail(other, 'http://x/async/1'));
    expect(jobKeys.list(base, { phases: ['EXECUTING'] }).slice(0, jobKeys.lists(base).length)).toEqual(jobKeys.lists(base));
    expect(jobKeys.errorDetail(base, 'u').slice(0, jobKeys.detail(base, 'u').length)).toEqual(jobKeys.detail(base, 'u'));
    expect(jobKeys.service(base).slice(0, 2)).toEqual(jobKeys.anyCredential(TAP));
  });

  it('tells credentials apart without ever holding the token', () => {
    const keys = [jobKeys.lists(base), jobKeys.lists(alice), jobKeys.lists(bob), jobKeys.lists({ ...base, credential: { kind: 'cookies' } })];
    expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(4);
    expect(JSON.stringify(keys)).not.toMatch(/secret/);
    // The same token keeps its identity.
    expect(credentialIdentity({ kind: 'bearer', token: 'alice-secret-token' })).toBe(credentialIdentity(alice.credential));
  });

  it('after a token switch, never shows the job list read with the previous token', () => {
    const client = new QueryClient();
    const alicesJobs: JobRef[] = [{ jobId: 'a1', href: `${TAP}/async/a1`, phase: 'COMPLETED', runId: null, ownerId: 'alice', creationTime: null }];
    client.setQueryData(jobListQueryOptions(alice, {}).queryKey, alicesJobs);
    const asBob = new QueryObserver(client, { ...jobListQueryOptions(bob, {}), enabled: false });
    expect(asBob.getCurrentResult().data).toBeUndefined();
    const asAliceAgain = new QueryObserver(client, { ...jobListQueryOptions(alice, {}), enabled: false });
    expect(asAliceAgain.getCurrentResult().data).toEqual(alicesJobs);
  });
});
