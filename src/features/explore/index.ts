export { ExplorePanel } from './explore-panel';
