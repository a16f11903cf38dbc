export { JobPage, type JobPageProps } from './job-page';
