/**
 * The query layer: every TanStack Query key, query option factory and
 * mutation the app uses. Features import from here, never from the files
 * behind it.
 */
export * from './job-queries';
export * from './service-client';
export * from './datalink';
