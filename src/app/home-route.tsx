import { useNavigate } from 'react-router';
import { ServicesPage } from '../features/services';
import { useDocumentTitle } from '../lib/document-title';
import { servicePath } from '../lib/routes';
import { useCurrentService } from './current-service';

export function HomeRoute() {
  const { service } = useCurrentService();
  const navigate = useNavigate();
  useDocumentTitle(service.label);
  return (
    <>
      <h1 className="sr-only">Services</h1>
      <ServicesPage
        selectedUrl={service.tapUrl}
        onSelect={(tapUrl) => void navigate(servicePath(tapUrl))}
      />
    </>
  );
}
