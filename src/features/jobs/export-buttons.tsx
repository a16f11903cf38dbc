import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { jobQueryOptions } from '../../api';
import { Button } from '../../components/button';
import type { UwsJob } from '../../protocol/uws/types';
import { downloadText, rowsToCsv, rowsToJson } from './export-rows';
import { withDetails, type JobRow } from './rows';
import { runBulk } from './run-bulk';

/** jobs-2026-01-02T03-04-05Z.csv */
function exportName(ext: string): string {
  return `jobs-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}Z.${ext}`;
}

/**
 * Export the view with every column: the documents of jobs not read yet are
 * read first, four at a time, so the file holds all that the services say.
 */
export function ExportButtons({ rows }: { rows: JobRow[] }) {
  const client = useQueryClient();
  const [reading, setReading] = useState<{ done: number; of: number } | null>(null);

  const run = async (kind: 'csv' | 'json') => {
    const missing = rows.filter((r) => r.detail !== 'held' && !r.gone);
    if (missing.length) {
      let done = 0;
      setReading({ done, of: missing.length });
      await runBulk(
        missing.map((r) => ({ key: r.key, item: r })),
        (r) => client.ensureQueryData({ ...jobQueryOptions(r.service, r.jobUrl), gcTime: Infinity }),
        (_key, o) => {
          if (o.status === 'done' || o.status === 'failed') setReading({ done: ++done, of: missing.length });
        },
        { concurrency: 4 },
      );
      setReading(null);
    }
    const full = withDetails(rows, (r) => client.getQueryData<UwsJob>(jobQueryOptions(r.service, r.jobUrl).queryKey), () => false);
    const now = Date.now();
    if (kind === 'csv') downloadText(rowsToCsv(full, now), exportName('csv'), 'text/csv;charset=utf-8');
    else downloadText(rowsToJson(full, now), exportName('json'), 'application/json');
  };

  return (
    <>
      <Button size="sm" disabled={rows.length === 0 || reading !== null} onClick={() => void run('csv')}>
        Export CSV
      </Button>
      <Button size="sm" disabled={rows.length === 0 || reading !== null} onClick={() => void run('json')}>
        Export JSON
      </Button>
      {reading && (
        <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
          Reading details for the export: {reading.done} of {reading.of}…
        </span>
      )}
    </>
  );
}
