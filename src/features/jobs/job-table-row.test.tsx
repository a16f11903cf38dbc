// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { JobTableRow } from './job-table-row';
import type { JobRow } from './rows';

afterEach(cleanup);

const RLO = '\u202e';

const row: JobRow = {
  key: 'k1',
  service: { id: 's1', label: `${RLO}ecivres`, tapUrl: `https://tap.example.org/${RLO}pat`, credential: { kind: 'none' }, preset: false },
  jobUrl: 'https://tap.example.org/tap/async/j1',
  jobId: `${RLO}1boj`,
  phase: 'ERROR',
  gone: false,
  runId: `${RLO}nur`,
  ownerId: `${RLO}renwo`,
  creationTime: new Date('2026-12-01T10:00:00Z'),
  query: `SELECT '${RLO}yreuq' FROM t`,
  local: false,
  inServerList: true,
  detail: 'held',
  startTime: null,
  endTime: null,
  executionDuration: 60,
  destruction: null,
  errorSummary: `${RLO}rorre`,
  resultCount: 0,
};

/** Whether the element holding this text, or one around it up to its cell, isolates its direction. */
function isolatedInCell(element: HTMLElement): boolean {
  for (let e: HTMLElement | null = element; e; e = e.getAttribute('role') === 'cell' ? null : e.parentElement) {
    if (e.tagName === 'BDI' || e.className.includes('[unicode-bidi:isolate]')) return true;
  }
  return false;
}

describe('a job list row with right-to-left overrides from the service', () => {
  it('isolates every cell and each service-given text, so none reorders its neighbours', () => {
    const columns = ['job', 'phase', 'service', 'runId', 'owner', 'query', 'error'];
    render(
      <MemoryRouter>
        <JobTableRow row={row} index={0} start={0} template="auto" columns={columns} selected={false} mark={undefined} now={Date.now()} onToggle={() => undefined} onKey={() => undefined} />
      </MemoryRouter>,
    );
    const cells = screen.getAllByRole('cell').slice(1);
    expect(cells).toHaveLength(columns.length);
    for (const cell of cells) expect(cell.className).toContain('[unicode-bidi:isolate]');
    for (const text of [row.jobId, row.service.label, row.runId!, row.ownerId!, row.errorSummary!]) {
      const holder = screen.getByText(text);
      expect(holder.tagName, text).toBe('BDI');
      expect(isolatedInCell(holder)).toBe(true);
    }
    expect(screen.getByText(row.query!).tagName).toBe('BDI');
  });
});
