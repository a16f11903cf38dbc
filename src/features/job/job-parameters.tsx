import { ServiceLink } from '../../components/service-link';
import type { UwsJob } from '../../protocol/uws/types';
import { CopyButton } from './copy-button';

const QUERY_ID = /^query$/i;

export function JobParameters({ job }: { job: UwsJob }) {
  const query = job.parameters.find((p) => QUERY_ID.test(p.id) && !p.byReference);
  const others = job.parameters.filter((p) => p !== query);
  return (
    <div className="space-y-3">
      {query && (
        <div>
          <div className="mb-1 flex items-center justify-between gap-2">
            <h3 className="text-sm font-medium">Query</h3>
            <CopyButton text={query.value} label="Copy query" />
          </div>
          <pre
            data-testid="job-query"
            className="max-h-80 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs leading-relaxed whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-900"
          >
            <code>{query.value}</code>
          </pre>
        </div>
      )}
      {others.length > 0 ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Other parameters</caption>
          <thead className="text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                Parameter
              </th>
              <th scope="col" className="py-1 font-medium">
                Value
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {others.map((p, i) => (
              <tr key={`${p.id}-${i}`}>
                <th scope="row" className="py-1 pr-3 align-top font-mono text-xs font-normal">
                  <bdi>{p.id}</bdi>
                </th>
                <td className="py-1 font-mono text-xs break-all">
                  {p.byReference ? (
                    <ServiceLink href={p.value} />
                  ) : p.value === '' ? (
                    <span className="text-slate-500 dark:text-slate-400">(empty)</span>
                  ) : (
                    <bdi>{p.value}</bdi>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        !query && <p className="text-sm text-slate-600 dark:text-slate-400">The service lists no parameters for this job.</p>
      )}
    </div>
  );
}
