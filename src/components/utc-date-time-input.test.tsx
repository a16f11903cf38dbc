// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { UtcDateTimeInput } from './utc-date-time-input';

afterEach(cleanup);

function Field({ initial, optional }: { initial: string; optional?: boolean }) {
  const [value, setValue] = useState(initial);
  return (
    <label>
      When (UTC)
      <UtcDateTimeInput value={value} onChange={setValue} optional={optional} />
    </label>
  );
}

describe('UtcDateTimeInput', () => {
  it('is a text field in the one UTC format, not a locale-formatted date picker', () => {
    render(<Field initial="2026-12-09 01:08" />);
    const field = screen.getByLabelText('When (UTC)') as HTMLInputElement;
    expect(field.type).toBe('text');
    expect(field.placeholder).toBe('YYYY-MM-DD HH:MM');
    expect(field.value).toBe('2026-12-09 01:08');
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  it('marks a time that does not exist and says how to write it', async () => {
    render(<Field initial="" />);
    const field = screen.getByRole('textbox');
    await userEvent.type(field, '2026-02-30 10:00');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const problem = screen.getByText(/Write it as YYYY-MM-DD HH:MM \(UTC\)/);
    expect(field.getAttribute('aria-describedby')).toBe(problem.id);
  });

  it('accepts an empty optional field', () => {
    render(<Field initial="" optional />);
    expect(screen.getByLabelText('When (UTC)').getAttribute('aria-invalid')).toBeNull();
  });
});
