import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Spinner } from '../components/spinner';
import { Layout } from './layout';
import { NotFoundRoute } from './not-found-route';
import { RouteError } from './route-error';

/**
 * Each screen is its own chunk, loaded when first shown: the job list and the job page never
 * load the query editor, and the results grid loads only with a finished job's results (see
 * job-route). A chunk that fails to load is reported by RouteError, with a reload button.
 */
const HomeRoute = lazyRoute(() => import('./home-route'), 'HomeRoute');
const JobsRoute = lazyRoute(() => import('./jobs-route'), 'JobsRoute');
const JobRoute = lazyRoute(() => import('./job-route'), 'JobRoute');
const SubmitRoute = lazyRoute(() => import('./submit-route'), 'SubmitRoute');

function lazyRoute<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** The small state a screen shows while its code loads. */
function PageLoading() {
  return (
    <div className="py-6">
      <Spinner label="Loading…" />
    </div>
  );
}

function page(element: ReactNode): ReactNode {
  return <Suspense fallback={<PageLoading />}>{element}</Suspense>;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        // A screen that fails, or whose code cannot be loaded, says so inside the layout.
        errorElement: <RouteError />,
        children: [
          { path: '/', element: page(<HomeRoute />) },
          { path: '/jobs', element: page(<JobsRoute />) },
          { path: '/job', element: page(<JobRoute />) },
          { path: '/submit', element: page(<SubmitRoute />) },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
