// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-01-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('useNow', () => {
  it('moves on at the interval asked for, one second for a running job', () => {
    const start = Date.now();
    const fine = renderHook(() => useNow(1000));
    const coarse = renderHook(() => useNow());
    act(() => vi.advanceTimersByTime(1000));
    expect(fine.result.current).toBe(start + 1000);
    expect(coarse.result.current).toBe(start);
    act(() => vi.advanceTimersByTime(14_000));
    expect(coarse.result.current).toBe(start + 15_000);
    fine.unmount();
    coarse.unmount();
  });

  it('stops its clock when nobody shows the time', () => {
    const view = renderHook(() => useNow(1000));
    expect(vi.getTimerCount()).toBe(1);
    view.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
