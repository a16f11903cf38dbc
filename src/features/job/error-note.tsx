import { ErrorMessage } from '../../components/error-message';
import type { ServiceConfig } from '../../lib/services';

/** A failed request, said plainly, with what the user was doing. */
export function ErrorNote({ error, what, service }: { error: unknown; what: string; service?: ServiceConfig }) {
  return <ErrorMessage error={error} context={what} service={service} className="mt-2" />;
}
