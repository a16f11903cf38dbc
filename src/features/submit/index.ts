export { SubmitPage } from './lazy-submit-page';
export type { SubmitPageProps } from './submit-page';
