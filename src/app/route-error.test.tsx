// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouteError } from './route-error';

afterEach(cleanup);

function showFailing(error: Error) {
  function Failing(): never {
    throw error;
  }
  const router = createMemoryRouter([{ path: '/', element: <Failing />, errorElement: <RouteError /> }]);
  render(<RouterProvider router={router} />);
}

describe('RouteError', () => {
  it('offers a reload when a screen’s code cannot be downloaded', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    showFailing(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:5173/assets/job-route-x.js'));
    expect(screen.getByRole('heading', { name: 'This screen could not be loaded' })).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Reload' })).not.toBeNull();
  });

  it('shows any other failure with a way back, and no reload button', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    showFailing(new Error('boom'));
    expect(screen.getByRole('heading', { name: 'Something went wrong on this page' })).not.toBeNull();
    expect(screen.getByText('boom')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });
});
