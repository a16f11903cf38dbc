export { getAvailability, getCapabilities, parseAvailability, parseCapabilities, type TapCapabilities, type TapLimit } from './vosi';
export { JobFollowUpError, submitAsyncQuery, tapAsyncUrl, uploadParameter, type AsyncQuery } from './submit';
export { getExamples, parseExamples, type ServiceExample } from './examples';
