// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { aJob } from '../../testing/uws-job';
import { JobDetails } from './job-details';
import { JobParameters } from './job-parameters';

afterEach(cleanup);

const RLO = '\u202E';

describe('service-provided text', () => {
  it('keeps a right-to-left override in a run id from reordering the page around it', () => {
    render(<JobDetails job={aJob({ runId: `${RLO}evil`, ownerId: `${RLO}mallory` })} />);
    const runId = screen.getByTestId('run-id');
    expect(runId.tagName).toBe('BDI');
    expect(runId.textContent).toBe(`${RLO}evil`);
    expect(screen.getByText(`${RLO}mallory`).tagName).toBe('BDI');
  });

  it('isolates each parameter name and value', () => {
    render(
      <JobParameters
        job={aJob({
          parameters: [
            { id: 'QUERY', value: 'SELECT 1', byReference: false, isPost: true },
            { id: `${RLO}RUNID`, value: `x${RLO}yz`, byReference: false, isPost: true },
          ],
        })}
      />,
    );
    expect(screen.getByText(`${RLO}RUNID`).tagName).toBe('BDI');
    expect(screen.getByText(`x${RLO}yz`).tagName).toBe('BDI');
  });
});
