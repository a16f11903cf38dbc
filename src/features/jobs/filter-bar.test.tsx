// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useCallback, useMemo } from 'react';
import { MemoryRouter, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { jobListPath, parseJobListSearch, type JobListFilters } from '../../lib/routes';
import { FilterBar } from './filter-bar';

afterEach(cleanup);

/**
 * The filter bar as the jobs route mounts it: its filters come from the URL,
 * its changes go to the URL. A long list makes the new URL take a while to
 * arrive: `lagMs` holds each navigation back that long.
 */
function Harness({ lagMs }: { lagMs: number }) {
  const [params] = useSearchParams();
  const search = params.toString();
  const navigate = useNavigate();
  const location = useLocation();
  const filters = useMemo(() => {
    const { service: _s, ...rest } = parseJobListSearch(search);
    return rest;
  }, [search]);
  const onChange = useCallback(
    (next: JobListFilters, options: { replace?: boolean } = {}) => {
      setTimeout(() => void navigate(jobListPath('http://h/tap', next), { replace: options.replace }), lagMs);
    },
    [navigate, lagMs],
  );
  return (
    <>
      <FilterBar filters={filters} onChange={onChange} />
      <output data-testid="url">{location.search}</output>
    </>
  );
}

function renderBar(initial = '/jobs?service=http%3A%2F%2Fh%2Ftap', lagMs = 120) {
  return render(
    <MemoryRouter initialEntries={[initial]}>
      <Routes>
        <Route path="/jobs" element={<Harness lagMs={lagMs} />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the job search box', () => {
  it('keeps every character when the user types slowly, 300 ms between keys', async () => {
    renderBar();
    const box = screen.getByLabelText(/search/i);
    await userEvent.type(box, 'triage-err', { delay: 300 });
    expect(box).toHaveProperty('value', 'triage-err');
    await new Promise((r) => setTimeout(r, 600));
    expect(box).toHaveProperty('value', 'triage-err');
    expect(new URLSearchParams(screen.getByTestId('url').textContent ?? '').get('q')).toBe('triage-err');
  });

  it('keeps every character when the user types fast', async () => {
    renderBar();
    const box = screen.getByLabelText(/search/i);
    await userEvent.type(box, 'mag < 12', { delay: 10 });
    await new Promise((r) => setTimeout(r, 600));
    expect(box).toHaveProperty('value', 'mag < 12');
    expect(new URLSearchParams(screen.getByTestId('url').textContent ?? '').get('q')).toBe('mag < 12');
  });

  it('follows the URL when it changes from outside, as after the back button', async () => {
    renderBar('/jobs?service=http%3A%2F%2Fh%2Ftap&q=first');
    expect(screen.getByLabelText(/search/i)).toHaveProperty('value', 'first');
  });
});

describe('the created-time filters', () => {
  const urlParam = (name: string) => new URLSearchParams(screen.getByTestId('url').textContent ?? '').get(name);

  it('shows a time from the URL as YYYY-MM-DD HH:MM UTC, not in the browser locale', () => {
    renderBar('/jobs?service=http%3A%2F%2Fh%2Ftap&after=2026-12-09T01%3A08%3A00.000Z&before=2026-12-10T13%3A30%3A15.000Z');
    const after = screen.getByLabelText('Created after (UTC)');
    expect(after).toHaveProperty('type', 'text');
    expect(after).toHaveProperty('value', '2026-12-09 01:08');
    expect(screen.getByLabelText('Created before (UTC)')).toHaveProperty('value', '2026-12-10 13:30:15');
  });

  it('puts a typed UTC time into the URL as ISO once it is complete, keeping a half-typed one in the field', async () => {
    renderBar(undefined, 0);
    const after = screen.getByLabelText('Created after (UTC)');
    await userEvent.type(after, '2026-12-09 01:0');
    await new Promise((r) => setTimeout(r, 50));
    expect(urlParam('after')).toBeNull();
    expect(after).toHaveProperty('value', '2026-12-09 01:0');
    await userEvent.type(after, '8');
    await new Promise((r) => setTimeout(r, 50));
    expect(urlParam('after')).toBe('2026-12-09T01:08:00.000Z');
    expect(after).toHaveProperty('value', '2026-12-09 01:08');
    await userEvent.clear(after);
    await new Promise((r) => setTimeout(r, 50));
    expect(urlParam('after')).toBeNull();
  });
});
