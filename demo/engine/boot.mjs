// Entry point of an engine thread: worker threads do not inherit the
// TypeScript loader, so register it before loading the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
