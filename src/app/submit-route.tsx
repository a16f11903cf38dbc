import { SubmitPage } from '../features/submit';
import { useDocumentTitle } from '../lib/document-title';
import { useCurrentService } from './current-service';
import { ServiceReachability } from './service-reachability';

export function SubmitRoute() {
  const { service } = useCurrentService();
  useDocumentTitle(`New query — ${service.label}`);
  return (
    <>
      <ServiceReachability service={service} />
      <SubmitPage key={service.tapUrl} service={service} />
    </>
  );
}
