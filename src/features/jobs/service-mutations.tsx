/**
 * The job mutations of the query layer for each service a bulk action
 * touches: the same mutations the job page uses, so every change goes
 * through one path (cancel the job's poll, send once, store what the service
 * answered). Hooks are per service, so one hidden component per service
 * registers its mutations.
 */
import { useEffect } from 'react';
import { useAbortJob, useDeleteJob, useSetDestruction, useSubmitJob, type DeleteOutcome, type SubmitJobInput } from '../../api';
import type { ServiceConfig } from '../../lib/services';
import type { UwsJob } from '../../protocol/uws/types';

export interface JobMutations {
  abort: (jobUrl: string) => Promise<UwsJob>;
  remove: (jobUrl: string) => Promise<DeleteOutcome>;
  setDestruction: (jobUrl: string, destruction: Date) => Promise<UwsJob>;
  submit: (input: SubmitJobInput) => Promise<UwsJob>;
}

export type MutationRegistry = Map<string, JobMutations>;

function ServiceMutations({ service, registry }: { service: ServiceConfig; registry: MutationRegistry }) {
  const abort = useAbortJob(service).mutateAsync;
  const remove = useDeleteJob(service).mutateAsync;
  const destruction = useSetDestruction(service).mutateAsync;
  const submit = useSubmitJob(service).mutateAsync;
  useEffect(() => {
    registry.set(service.tapUrl, {
      abort: (jobUrl) => abort({ jobUrl }),
      remove: (jobUrl) => remove({ jobUrl }),
      setDestruction: (jobUrl, when) => destruction({ jobUrl, destruction: when }),
      submit: (input) => submit(input),
    });
    return () => void registry.delete(service.tapUrl);
  }, [registry, service.tapUrl, abort, remove, destruction, submit]);
  return null;
}

export function ServicesMutations({ services, registry }: { services: ServiceConfig[]; registry: MutationRegistry }) {
  return (
    <>
      {services.map((s) => (
        <ServiceMutations key={s.tapUrl} service={s} registry={registry} />
      ))}
    </>
  );
}
