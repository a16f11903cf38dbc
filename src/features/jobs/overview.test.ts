import { describe, expect, it } from 'vitest';
import { spread } from './overview';

describe('run time and queue wait figures', () => {
  it('gives median, 90th percentile and maximum', () => {
    expect(spread([5, 1, 3, 2, 4, 6, 7, 8, 9, 100])).toEqual({ count: 10, median: 5.5, p90: 9, max: 100 });
    expect(spread([4])).toEqual({ count: 1, median: 4, p90: 4, max: 4 });
    expect(spread([])).toBeNull();
  });
});
