export * from './errors';
export {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  type Credential,
  type RequestOptions,
  type Transport,
  type TransportOptions,
  type TransportResponse,
} from './transport';
export { findVoTableError } from './votable-error';
