import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { datalinkQueryOptions, datalinkRequestUrl, useProxyInfo } from '../../api';
import { formatBytes } from '../../lib/format';
import type { ServiceConfig } from '../../lib/services';
import { isPreview, semanticsInWords, type DataLink } from '../../protocol/datalink/links';
import { isSodaSync } from '../../protocol/datalink/descriptors';
import { ErrorMessage } from '../error-message';
import { Spinner } from '../spinner';
import { SodaForm } from './soda-form';

const link = 'text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200';

export interface LinksPanelProps {
  service: ServiceConfig;
  /** The links service URL for the row, with its ID parameter. */
  linksUrl: string;
  /** How the row is named to the user, e.g. "row 3 (DEMO-IMG-0003)". */
  rowLabel: string;
}

/** The DataLink links of one row: what each is, open or download it, previews inline, cutout forms. */
export function LinksPanel({ service, linksUrl, rowLabel }: LinksPanelProps) {
  const proxy = useProxyInfo();
  const headingId = useId();
  const links = useQuery(datalinkQueryOptions(service, linksUrl, proxy));
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <h3 id={headingId} className="font-semibold">
        Links for {rowLabel}
      </h3>
      {links.isPending && (
        <p className="flex items-center gap-2">
          <Spinner /> Asking the DataLink service…
        </p>
      )}
      {links.isError && <ErrorMessage error={links.error} context="Reading the links" service={service} onRetry={() => void links.refetch()} />}
      {links.data && links.data.length === 0 && <p>The service lists no links for this row.</p>}
      {links.data && links.data.length > 0 && (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {links.data.map((l, i) => (
            <LinkItem key={i} link={l} service={service} proxied={(u) => datalinkRequestUrl(u, proxy)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LinkItem({ link: l, service, proxied }: { link: DataLink; service: ServiceConfig; proxied: (url: string) => string }) {
  const [open, setOpen] = useState(false);
  const what = semanticsInWords(l.semantics);
  return (
    <li className="space-y-1 py-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-medium">{what}</span>
        {l.contentType && <span className="text-xs text-slate-600 dark:text-slate-400">{l.contentType}</span>}
        {l.contentLength !== null && <span className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(l.contentLength)}</span>}
        {l.accessUrl && (
          <a href={l.accessUrl} target="_blank" rel="noreferrer noopener" className={`text-xs ${link}`}>
            Open<span className="sr-only"> {what} (opens in a new tab)</span>
          </a>
        )}
        {l.service && isSodaSync(l.service) && (
          <button type="button" className={`text-xs ${link}`} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide the cutout form' : 'Make a cutout'}
          </button>
        )}
      </div>
      {l.description && (
        <p className="text-xs text-slate-700 dark:text-slate-300">
          <bdi>{l.description}</bdi>
        </p>
      )}
      {l.errorMessage && (
        <p className="text-xs text-red-800 dark:text-red-300">
          The service gives no link here: <bdi>{l.errorMessage}</bdi>
        </p>
      )}
      {l.refusedUrl && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          The service gave an address that is not a web (http or https) link, so it is shown as text only: <bdi className="break-all font-mono">{l.refusedUrl}</bdi>
        </p>
      )}
      {l.service && !isSodaSync(l.service) && (
        <p className="text-xs text-slate-600 dark:text-slate-400">A service of type {l.service.standardId ?? 'unknown'}, which uws-desk cannot call yet.</p>
      )}
      {isPreview(l) && (
        <img src={l.accessUrl!} alt={`${what} of the data set`} loading="lazy" className="max-h-64 max-w-full rounded border border-slate-200 dark:border-slate-700" />
      )}
      {open && l.service && <SodaForm service={service} descriptor={l.service} proxied={proxied} />}
    </li>
  );
}
