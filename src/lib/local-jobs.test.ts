// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => localStorage.clear());

async function fresh() {
  vi.resetModules();
  return import('./local-jobs');
}

const svc = 'http://127.0.0.1:8421/tap';

describe('jobs created in this browser', () => {
  it('survive a reload, newest first, per service', async () => {
    let mod = await fresh();
    mod.rememberJob({ serviceUrl: svc, jobUrl: `${svc}/async/a`, jobId: 'a', creationTime: new Date('2026-01-01T00:00:00Z'), query: 'SELECT 1' });
    mod.rememberJob({ serviceUrl: svc, jobUrl: `${svc}/async/b`, jobId: 'b', creationTime: new Date('2026-01-02T00:00:00Z') });
    mod.rememberJob({ serviceUrl: 'http://other/tap', jobUrl: 'http://other/tap/async/c', jobId: 'c' });
    mod = await fresh();
    const { result } = renderHook(() => mod.useLocalJobs(svc));
    expect(result.current.map((j) => j.jobId)).toEqual(['b', 'a']);
    expect(result.current[1]?.query).toBe('SELECT 1');
  });

  it('a job the server lost is marked gone, not dropped', async () => {
    const mod = await fresh();
    mod.rememberJob({ serviceUrl: svc, jobUrl: `${svc}/async/a`, jobId: 'a' });
    const { result } = renderHook(() => mod.useLocalJobs());
    act(() => mod.markJobGone(`${svc}/async/a`));
    expect(result.current).toHaveLength(1);
    expect(result.current[0]?.goneAt).toBeTruthy();
    act(() => mod.forgetJob(`${svc}/async/a`));
    expect(result.current).toHaveLength(0);
  });

  it('another tab sees the change through the storage event', async () => {
    const mod = await fresh();
    const { result } = renderHook(() => mod.useLocalJobs());
    const other = [{ serviceUrl: svc, jobUrl: `${svc}/async/x`, jobId: 'x', creationTime: new Date().toISOString() }];
    act(() => {
      localStorage.setItem('uws-desk:local-jobs:v1', JSON.stringify(other));
      window.dispatchEvent(new StorageEvent('storage', { key: 'uws-desk:local-jobs:v1' }));
    });
    expect(result.current.map((j) => j.jobId)).toEqual(['x']);
  });
});
