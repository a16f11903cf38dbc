export { getAvailability, getCapabilities, parseAvailability, parseCapabilities, type TapCapabilities, type TapLimit } from './vosi';
export { JobFollowUpError, submitAsyncQuery, tapAsyncUrl, uploadParameter, type AsyncQuery } from './submit';
export { UncertainCreationError, findSubmittedJob, newSubmissionTag, readPatiently, taggedRunId, userRunId } from './submission';
