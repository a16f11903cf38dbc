import { useNavigate } from 'react-router';
import { ServicesPage } from '../features/services';
import { useDocumentTitle } from '../lib/document-title';
import { servicePath } from '../lib/routes';
import { useCurrentService } from './current-service';
import { ServiceReachability } from './service-reachability';

export function HomeRoute() {
  const { service } = useCurrentService();
  const navigate = useNavigate();
  useDocumentTitle(service.label);
  return (
    <>
      <h1 className="sr-only">Services</h1>
      <ServiceReachability service={service} />
      <ServicesPage
        selectedUrl={service.tapUrl}
        onSelect={(tapUrl) => void navigate(servicePath(tapUrl))}
      />
    </>
  );
}
