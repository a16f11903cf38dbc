// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtendOptions, type ExtendChoice } from './bulk-options';

afterEach(cleanup);

function Harness() {
  const [choice, setChoice] = useState<ExtendChoice>({ kind: 'add', days: '7' });
  return (
    <>
      <ExtendOptions value={choice} onChange={setChoice} error={null} />
      <output data-testid="choice">{JSON.stringify(choice)}</output>
    </>
  );
}

describe('extending destruction until a date', () => {
  it('takes the date as YYYY-MM-DD HH:MM UTC, starting at the end of a day 30 days ahead', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('radio', { name: /Keep until at least/ }));
    const field = screen.getByLabelText('Keep until at least (UTC)');
    expect(field).toHaveProperty('type', 'text');
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(field).toHaveProperty('value', `${day} 23:59`);
    await userEvent.clear(field);
    await userEvent.type(field, '2027-01-31 12:00');
    expect(JSON.parse(screen.getByTestId('choice').textContent ?? '')).toEqual({ kind: 'atLeast', date: '2027-01-31 12:00' });
  });
});
