import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, buttonClass } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorMessage } from '../../components/error-message';
import { OpenJobForm } from '../../components/open-job-form';
import { Spinner } from '../../components/spinner';
import { errorWords } from '../../lib/error-words';
import { formatBytes, formatCount, formatDuration } from '../../lib/format';
import { availabilityQueryOptions, capabilitiesQueryOptions } from '../../api';
import { jobListPath, submitPath } from '../../lib/routes';
import { addService, isTransientService, removeService, type ServiceConfig } from '../../lib/services';
import type { TapCapabilities, TapLimit } from '../../protocol/tap';
import { CredentialForm } from './credential-form';
import { ProxyAccess } from './proxy-access';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      <h3 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">{title}</h3>
      {children}
    </section>
  );
}

function Availability({ service }: { service: ServiceConfig }) {
  // A service that says it is down (or starting) is asked again now and then.
  const q = useQuery({
    ...availabilityQueryOptions(service),
    refetchInterval: (query) => (query.state.data && !query.state.data.available ? 5_000 : false),
  });
  if (q.isPending) return <Spinner label="Asking the service whether it is up…" />;
  if (q.isError) return <ErrorMessage error={q.error} context="Availability" service={service} onRetry={() => void q.refetch()} />;
  return (
    <p className="flex items-center gap-2 text-sm" data-testid="availability">
      <span
        aria-hidden="true"
        className={`h-2.5 w-2.5 rounded-full ${q.data.available ? 'bg-green-600' : 'bg-red-600'}`}
      />
      <strong>{q.data.available ? 'Available' : 'Not available'}</strong>
      {q.data.note && <span className="text-slate-700 dark:text-slate-300">— {q.data.note}</span>}
      <Button size="sm" variant="ghost" onClick={() => void q.refetch()} disabled={q.isFetching} aria-label="Check availability again">
        {q.isFetching ? 'Checking…' : 'Check again'}
      </Button>
    </p>
  );
}

function limit(l: TapLimit, fmt: (n: number) => string): string {
  const parts: string[] = [];
  if (l.default !== null) parts.push(`default ${fmt(l.default)}`);
  if (l.hard !== null) parts.push(`maximum ${fmt(l.hard)}`);
  return parts.length ? parts.join(', ') : 'not advertised';
}

const rows = (n: number) => `${formatCount(n)} rows`;

function CapabilitiesView({ caps }: { caps: TapCapabilities }) {
  const items: [string, React.ReactNode][] = [
    ['Execution duration', limit(caps.executionDuration, formatDuration)],
    ['Retention (destruction)', limit(caps.retentionPeriod, formatDuration)],
    ['Row limit (MAXREC)', limit(caps.maxRec, rows)],
    [
      'Query languages',
      caps.languages.length
        ? caps.languages.map((l) => `${l.name}${l.versions.length ? ` ${l.versions.join(', ')}` : ''}`).join('; ')
        : 'not advertised',
    ],
    [
      'Output formats',
      caps.outputFormats.length ? (
        <ul className="flex flex-wrap gap-1">
          {caps.outputFormats.map((f) => (
            <li key={f.mime} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800" title={f.aliases.join(', ')}>
              {f.aliases[0] ?? f.mime}
            </li>
          ))}
        </ul>
      ) : (
        'not advertised'
      ),
    ],
    [
      'Uploads',
      caps.uploadMethods.length
        ? `${caps.uploadMethods.map((m) => m.replace(/^.*#upload-/, '')).join(', ')}${
            caps.uploadLimit !== null ? ` (up to ${formatBytes(caps.uploadLimit)})` : ''
          }`
        : 'not supported or not advertised',
    ],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]" data-testid="capabilities">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700 dark:text-slate-300">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Capabilities({ service }: { service: ServiceConfig }) {
  const q = useQuery(capabilitiesQueryOptions(service));
  const availability = useQuery(availabilityQueryOptions(service));
  if (q.isPending) return <Spinner label="Reading the service’s capabilities…" />;
  if (q.isError && availability.isError && errorWords(q.error).kind === errorWords(availability.error).kind) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
        Not read: the same problem as above.
        <Button size="sm" variant="ghost" onClick={() => void q.refetch()}>
          Try again
        </Button>
      </p>
    );
  }
  if (q.isError) return <ErrorMessage error={q.error} context="Capabilities" service={service} onRetry={() => void q.refetch()} />;
  return <CapabilitiesView caps={q.data} />;
}

export function ServiceDetails({ service, onRemoved }: { service: ServiceConfig; onRemoved: () => void }) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  const transient = isTransientService(service);
  return (
    <div className="space-y-3">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold">
            <bdi>{service.label}</bdi>
          </h2>
          <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">
            <bdi>{service.tapUrl}</bdi>
          </p>
          {transient && <p className="text-xs text-amber-800 dark:text-amber-300">Opened from a link; not in your list.</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link className={buttonClass('primary')} to={jobListPath(service.tapUrl)}>
            Jobs
          </Link>
          <Link className={buttonClass('secondary')} to={submitPath(service.tapUrl)}>
            New query
          </Link>
          {transient && (
            <Button onClick={() => addService({ tapUrl: service.tapUrl })}>Add to my services</Button>
          )}
          {!service.preset && !transient && (
            <Button variant="ghost" onClick={() => setConfirmRemove(true)}>
              Remove
            </Button>
          )}
        </div>
      </header>
      <Section title="Availability">
        <Availability service={service} />
      </Section>
      <Section title="Open a job">
        <OpenJobForm currentTapUrl={service.tapUrl} />
      </Section>
      <Section title="Capabilities">
        <Capabilities service={service} />
      </Section>
      <Section title="Identity">
        <CredentialForm key={service.tapUrl} service={service} />
      </Section>
      <ProxyAccess service={service} />
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${service.label}?`}
        confirmLabel="Remove service"
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => {
          removeService(service.id);
          setConfirmRemove(false);
          onRemoved();
        }}
      >
        <p>The service and its credential are removed from this browser. Jobs on the service are not touched.</p>
      </ConfirmDialog>
    </div>
  );
}
