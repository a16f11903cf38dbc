import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <main className="p-6">
      <h1 className="text-xl font-semibold">Something went wrong on this page</h1>
      <p className="mt-2">{message}</p>
      <p className="mt-2">
        <a className="underline" href="/">Back to the services</a>
      </p>
    </main>
  );
}
