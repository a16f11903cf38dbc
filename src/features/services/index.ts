export { ServicesPage, type ServicesPageProps } from './services-page';
