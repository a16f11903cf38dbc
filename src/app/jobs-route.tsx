import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { JobListPage } from '../features/jobs';
import { useDocumentTitle } from '../lib/document-title';
import { parseJobListSearch } from '../lib/routes';
import { useServices } from '../lib/services';
import { useCurrentService } from './current-service';
import { ServiceReachability } from './service-reachability';

export function JobsRoute() {
  const [params] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => parseJobListSearch(search), [search]);
  const { service, all } = useCurrentService();
  const { services } = useServices();
  const listed = useMemo(() => (all ? services : [service]), [all, services, service]);
  useDocumentTitle(all ? 'Jobs on all services' : `Jobs — ${service.label}`);
  const { service: _s, ...rest } = filters;
  return (
    <>
      {!all && <ServiceReachability service={service} />}
      <JobListPage services={listed} scope={all ? 'all' : service.tapUrl} filters={rest} />
    </>
  );
}
