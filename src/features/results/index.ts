export { ResultsPanel, type ResultsPanelProps } from './results-panel';
export { resultKeys, resultQueryOptions } from './use-result';
