// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob, UwsResult } from '../../protocol/uws/types';
import { aJob } from '../../testing/uws-job';
import { JobResults } from './job-results';

afterEach(cleanup);

const service = { tapUrl: 'http://tap.example/tap', credential: { kind: 'none' } } as unknown as ServiceConfig;

function completed(results: UwsResult[]): UwsJob {
  return aJob({ jobId: 'j1', phase: 'COMPLETED', results });
}

const result = (id: string, href: string): UwsResult => ({ id, href, type: null, mimeType: 'application/x-votable+xml', size: 2048 });

describe('JobResults', () => {
  it('offers SAMP for a VOTable result, and for a CSV result says why not and where the VOTable export is', () => {
    const { unmount } = render(<JobResults service={service} job={completed([result('result', 'http://tap.example/r')])} />);
    expect(screen.getByRole('heading', { name: /Send to a VO tool/ })).not.toBeNull();
    unmount();
    render(<JobResults service={service} job={completed([{ ...result('result', 'http://tap.example/r'), mimeType: 'text/csv' }])} />);
    expect(screen.queryByRole('heading', { name: /Send to a VO tool/ })).toBeNull();
    expect(screen.getByText(/load VOTable and FITS tables over SAMP/)).not.toBeNull();
  });

  it('offers exactly one download per result, and no second link to the same bytes', () => {
    render(<JobResults service={service} job={completed([result('result', 'http://tap.example/r'), result('log', 'https://tap.example/log')])} />);
    const items = within(screen.getByRole('list', { name: 'Result documents' })).getAllByRole('listitem');
    expect(items.map((item) => within(item).getAllByRole('button').map((b) => b.getAttribute('aria-label')))).toEqual([
      ['Download result result'],
      ['Download result log'],
    ]);
    expect(screen.queryAllByRole('link')).toHaveLength(0);
  });

  it('shows a javascript: result href as text with a note, with no link, no download and no table', () => {
    const { container } = render(
      <JobResults
        service={service}
        job={completed([result('result', 'javascript:alert(document.domain)')])}
        renderResults={() => <p>table</p>}
      />,
    );
    expect(container.querySelector('[href]')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('javascript:alert(document.domain)')).not.toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/javascript:/);
    expect(screen.queryByText('table')).toBeNull();
  });
});
