import { lazy, Suspense, useId } from 'react';
import { Spinner } from '../../components/spinner';
import { findServiceByUrl, useServices, type ServiceConfig } from '../../lib/services';
import { AddServiceForm } from './add-service-form';

/** The details read the service's XML documents: their code (with the XML parser) loads with them. */
const ServiceDetails = lazy(async () => ({ default: (await import('./service-details')).ServiceDetails }));

export interface ServicesPageProps {
  /** TAP URL of the service shown. */
  selectedUrl: string;
  onSelect: (tapUrl: string) => void;
}

/** Choose a TAP service, add one, and see what it offers. */
export function ServicesPage({ selectedUrl, onSelect }: ServicesPageProps) {
  const { services } = useServices();
  const selected: ServiceConfig = findServiceByUrl(services, selectedUrl);
  const groupId = useId();
  return (
    <div className="grid gap-4 lg:grid-cols-[20rem_1fr]">
      <div className="space-y-4">
        <section aria-labelledby={groupId} className="rounded-lg border border-slate-200 dark:border-slate-700">
          <h2 id={groupId} className="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-700">
            Services
          </h2>
          <div role="radiogroup" aria-labelledby={groupId} className="divide-y divide-slate-200 dark:divide-slate-800">
            {services.map((s) => {
              const checked = s.tapUrl === selected.tapUrl;
              return (
                <div key={s.id}>
                  <label
                    className={`flex cursor-pointer items-start gap-2 px-3 py-2 text-sm ${
                      checked ? 'bg-blue-50 dark:bg-blue-950/40' : 'hover:bg-slate-50 dark:hover:bg-slate-900'
                    }`}
                  >
                    <input
                      type="radio"
                      name={`${groupId}-service`}
                      className="mt-1"
                      checked={checked}
                      onChange={() => onSelect(s.tapUrl)}
                    />
                    <span className="min-w-0">
                      <span className="block font-medium">
                        <bdi>{s.label}</bdi>
                        {s.credential.kind !== 'none' && (
                          <span className="ml-1.5 rounded bg-slate-200 px-1 text-[11px] font-normal text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                            {s.credential.kind === 'bearer' ? 'token' : 'cookies'}
                          </span>
                        )}
                      </span>
                      <bdi className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={s.tapUrl}>
                        {s.tapUrl}
                      </bdi>
                    </span>
                  </label>
                </div>
              );
            })}
          </div>
        </section>
        <section aria-label="Add a service" className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <h2 className="mb-2 text-sm font-semibold">Add a service</h2>
          <AddServiceForm onAdded={(s) => onSelect(s.tapUrl)} />
        </section>
      </div>
      <Suspense fallback={<Spinner label="Loading…" />}>
        <ServiceDetails key={selected.tapUrl} service={selected} onRemoved={() => onSelect(services[0]!.tapUrl)} />
      </Suspense>
    </div>
  );
}
