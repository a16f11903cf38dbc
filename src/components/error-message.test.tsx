// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbortedError, ProtocolError, UnauthorizedError } from '../protocol/http/errors';
import { ErrorMessage } from './error-message';

afterEach(cleanup);

function show(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('ErrorMessage', () => {
  it('says in plain words what a 401 means and what to do, with the facts on request', async () => {
    const onRetry = vi.fn();
    show(
      <ErrorMessage
        context="Listing jobs"
        error={new UnauthorizedError('HTTP 401', { status: 401, statusText: 'Unauthorized', url: 'http://h:8432/tap/async' })}
        onRetry={onRetry}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Listing jobs: h:8432 wants you to identify yourself');
    expect(alert.textContent).toContain('Services page');
    const details = screen.getByText('Technical details').closest('details')!;
    expect(details.open).toBe(false);
    await userEvent.click(screen.getByText('Technical details'));
    expect(details.open).toBe(true);
    expect(details.textContent).toContain('401 Unauthorized');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('names an HTML page where a service document was expected', () => {
    show(<ErrorMessage error={new ProtocolError('not XML', { contentType: 'text/html', received: '<!doctype html><html>' })} />);
    expect(screen.getByRole('alert').textContent).toMatch(/sent a web page/);
  });

  it('shows nothing for a request the app cancelled itself', () => {
    show(<ErrorMessage error={new AbortedError('cancelled')} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
