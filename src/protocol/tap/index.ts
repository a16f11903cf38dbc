export { getAvailability, getCapabilities, parseAvailability, parseCapabilities, type TapCapabilities, type TapFunction, type TapLimit } from './vosi';
export { JobFollowUpError, submitAsyncQuery, tapAsyncUrl, uploadParameter, type AsyncQuery } from './submit';
export { getExamples, parseExamples, type ServiceExample } from './examples';
export { UncertainCreationError, findSubmittedJob, newSubmissionTag, readPatiently, taggedRunId, userRunId } from './submission';
export { getTable, getTableset, parseTable, parseTableset, type TapColumn, type TapForeignKey, type TapSchema, type TapTable } from './tables';
export { checkQuery, parseResultColumns, type CheckResult, type CheckedColumn } from './check-query';
export { errorPosition, type QueryPosition } from './error-position';
export { getTapSchemaTable, getTapSchemaTableset, type TapSchemaTableset } from './tap-schema';
export { searchTapSchema, searchWords, type SchemaSearchHits } from './schema-search';
