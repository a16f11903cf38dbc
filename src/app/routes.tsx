import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './layout';
import { HomeRoute } from './home-route';
import { JobsRoute } from './jobs-route';
import { JobRoute } from './job-route';
import { SubmitRoute } from './submit-route';
import { NotFoundRoute } from './not-found-route';
import { RouteError } from './route-error';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <HomeRoute /> },
      { path: '/jobs', element: <JobsRoute /> },
      { path: '/job', element: <JobRoute /> },
      { path: '/submit', element: <SubmitRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
