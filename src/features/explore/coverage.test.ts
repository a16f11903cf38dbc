import { describe, expect, it } from 'vitest';
import { coverageText } from './coverage';

describe('which rows statistics cover', () => {
  it('says all rows when nothing narrows the table', () => {
    expect(coverageText(100_000, null, null)).toBe('Over all 100,000 rows.');
  });
  it('names the filter when only the filter narrows it', () => {
    expect(coverageText(100_000, new Uint32Array(1234), null)).toBe('Over the 1,234 rows that pass the filter (of 100,000).');
  });
  it('names the plot when rows are chosen in it, as the grid shows them', () => {
    expect(coverageText(100_000, new Uint32Array(1234), new Uint32Array(1))).toBe('Over the 1 row chosen in the plot (of 100,000).');
  });
});
