// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadingProgress } from './result-loading';

afterEach(cleanup);

describe('the progress of a result on its way', () => {
  it('counts bytes of the size the service gave, and rows read', () => {
    render(<LoadingProgress progress={{ phase: 'download', bytes: 500_000, totalBytes: null, rows: 3024 }} expectedBytes={1_000_000} onCancel={() => {}} />);
    expect(screen.getByTestId('result-loading').textContent).toContain('Downloaded 500 kB of 1.0 MB · 3,024 rows read');
    expect(screen.getByRole('progressbar', { name: 'Download progress' }).getAttribute('value')).toBe('0.5');
  });

  it('leaves out a size the bytes have outgrown, rather than a share over 100 %', () => {
    render(<LoadingProgress progress={{ phase: 'download', bytes: 105_000, totalBytes: null, rows: 3016 }} expectedBytes={1300} onCancel={() => {}} />);
    expect(screen.getByTestId('result-loading').textContent).toMatch(/^Downloaded 105 kB · 3,016 rows read/);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
