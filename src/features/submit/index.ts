export { SubmitPage, type SubmitPageProps } from './submit-page';
