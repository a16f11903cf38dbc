/**
 * The query layer: every TanStack Query key, query option factory, fetcher
 * and mutation the app uses, one file per endpoint. Features import from
 * here, never from the files behind it.
 */
export * from './keys';
export * from './poll-schedule';
export * from './job';
export * from './job-list';
export * from './job-mutations';
export * from './submit-job';
export * from './error-detail';
export * from './capabilities';
export * from './availability';
export * from './examples';
export * from './proxy-info';
export * from './unreachable';
export * from './service-client';
export * from './service-transport';
export * from './datalink';
