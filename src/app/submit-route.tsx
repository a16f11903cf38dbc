import { SubmitPage } from '../features/submit';
import { useDocumentTitle } from '../lib/document-title';
import { useCurrentService } from './current-service';

export function SubmitRoute() {
  const { service } = useCurrentService();
  useDocumentTitle(`New query — ${service.label}`);
  return <SubmitPage key={service.tapUrl} service={service} />;
}
