/**
 * The example queries a TAP service publishes: read and parsed in
 * protocol/tap/examples.ts, cached by the query layer.
 */
export { examplesQueryOptions, parseExamples, useServiceExamples, type ServiceExample } from '../../api';
