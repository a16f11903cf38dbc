export { JobListPage, type JobListPageProps } from './job-list-page';
