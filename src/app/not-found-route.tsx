import { Link } from 'react-router';
import { homePath } from '../lib/routes';

export function NotFoundRoute() {
  return (
    <section>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2">
        There is nothing at this address. <Link className="underline" to={homePath()}>Go to the services</Link>.
      </p>
    </section>
  );
}
