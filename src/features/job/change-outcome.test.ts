import { describe, expect, it } from 'vitest';
import type { UwsJob } from '../../protocol/uws/types';
import { destructionOutcome, durationOutcome } from './change-outcome';
import { quickDurations } from './duration-form';

const held = (extra: Partial<UwsJob>) => ({ executionDuration: null, destruction: null, ...extra }) as UwsJob;

describe('what the server did with a change', () => {
  it('names the service limit when it is why a duration was lowered', () => {
    expect(durationOutcome(28_800, held({ executionDuration: 3600 }), 3600).message).toBe(
      'The server kept 3600 s (1 h), the longest it allows, instead of 28800 s (8 h).',
    );
    expect(durationOutcome(0, held({ executionDuration: 3600 }), 3600).message).toBe(
      'The server kept 3600 s (1 h), the longest it allows, instead of unlimited.',
    );
    expect(durationOutcome(7200, held({ executionDuration: 3600 })).message).toBe('The server kept 3600 s (1 h) instead of 7200 s (2 h).');
  });

  it('names the retention limit when the server kept an earlier destruction', () => {
    const asked = new Date('2026-02-10T00:00:00Z');
    const kept = new Date('2026-02-01T00:00:00Z');
    expect(destructionOutcome(asked, held({ destruction: kept }), 30 * 86_400).message).toBe(
      'The server kept 2026-02-01 00:00:00 UTC instead of 2026-02-10 00:00:00 UTC. The service keeps jobs at most 30 d.',
    );
  });
});

describe('quick execution durations', () => {
  it('offers only what the service accepts, ending with its maximum', () => {
    expect(quickDurations(3600).map((q) => q.label)).toEqual(['1 min', '10 min', 'Maximum (1 h)']);
    expect(quickDurations(null).map((q) => q.label)).toEqual(['1 min', '10 min', '1 h', '8 h', 'Unlimited']);
  });
});
