import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button } from '../components/button';
import { homePath } from '../lib/routes';

/**
 * A screen's code could not be fetched: the network dropped, or the app was updated and the old
 * chunk is gone. Browsers word it differently: Chromium "Failed to fetch dynamically imported
 * module", Firefox "error loading dynamically imported module", Safari "Importing a module script
 * failed"; Vite's preload helper "Unable to preload CSS".
 */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed|Unable to preload CSS|Failed to load module script/i.test(error.message)
  );
}

export function RouteError() {
  const error = useRouteError();
  if (isChunkLoadError(error)) {
    return (
      <section role="alert" className="max-w-xl space-y-3 py-4">
        <h1 className="text-lg font-semibold">This screen could not be loaded</h1>
        <p className="text-sm">
          Part of uws-desk could not be downloaded: the connection may have dropped, or the app was updated since this
          page was opened. Reloading fetches the current version.
        </p>
        <Button variant="primary" onClick={() => location.reload()}>
          Reload
        </Button>
      </section>
    );
  }
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <section role="alert" className="max-w-xl space-y-2 py-4">
      <h1 className="text-lg font-semibold">Something went wrong on this page</h1>
      <p className="text-sm">{message}</p>
      <p className="text-sm">
        <a className="underline" href={homePath()}>
          Back to the services
        </a>
      </p>
    </section>
  );
}
