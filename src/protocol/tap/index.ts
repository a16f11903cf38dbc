export { getAvailability, getCapabilities, parseAvailability, parseCapabilities, type TapCapabilities, type TapFunction, type TapLimit } from './vosi';
export { JobFollowUpError, submitAsyncQuery, tapAsyncUrl, uploadParameter, type AsyncQuery } from './submit';
export { getExamples, parseExamples, type ServiceExample } from './examples';
export { UncertainCreationError, findSubmittedJob, newSubmissionTag, readPatiently, taggedRunId, userRunId } from './submission';
export { getTable, getTableset, parseTable, parseTableset, type TapColumn, type TapForeignKey, type TapSchema, type TapTable } from './tables';
export { checkQuery, parseResultColumns, type CheckResult, type CheckedColumn } from './check-query';
export { errorPosition, type QueryPosition } from './error-position';
// Only the submit page reads TAP_SCHEMA, searches it and parses tablesets off the main thread: it imports
// './tap-schema', './schema-search' and './tableset-off-thread' itself, so the other pages do not carry them.
export type { TapSchemaTableset } from './tap-schema';
export type { SchemaSearchHits } from './schema-search';
