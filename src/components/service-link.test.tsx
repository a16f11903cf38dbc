// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceLink } from './service-link';

afterEach(cleanup);

describe('ServiceLink', () => {
  it('makes an http(s) URL from a service a link that opens in a new tab', () => {
    render(<ServiceLink href="https://example.org/tap/async/1/results/result">Open result</ServiceLink>);
    const link = screen.getByRole('link', { name: /Open result/ });
    expect(link.getAttribute('href')).toBe('https://example.org/tap/async/1/results/result');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('shows a javascript: URL as text with a note, never as a link', () => {
    const { container } = render(<ServiceLink href="javascript:alert(document.cookie)">Open evil</ServiceLink>);
    expect(screen.queryByRole('link')).toBeNull();
    expect(container.querySelector('[href]')).toBeNull();
    expect(screen.getByText('javascript:alert(document.cookie)')).not.toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/not a web address \(javascript:\)/i);
  });
});
