/** What each UWS phase means to the person looking at the job, and what it allows. */
import type { ExecutionPhase } from '../../protocol/uws/types';

export const PHASE_EXPLANATIONS: Record<ExecutionPhase, string> = {
  PENDING: 'Created but not started. The service will not run it until you press Run.',
  QUEUED: 'Accepted and waiting for the service to start it.',
  EXECUTING: 'The service is running the query now.',
  COMPLETED: 'Finished successfully. The results are ready.',
  ERROR: 'The query failed. The service’s explanation is below.',
  ABORTED: 'Stopped before it finished, by a user or by the service (for example when it ran out of time).',
  UNKNOWN: 'The service cannot say what state the job is in. Look again later.',
  HELD: 'The service is holding the job and will not start it on its own. Run asks it to go ahead.',
  SUSPENDED: 'The service has paused the job; it may resume by itself.',
  ARCHIVED: 'Finished long ago. The service has removed its results but keeps the record.',
};

export interface PhaseActions {
  run: boolean;
  abort: boolean;
  changeDuration: boolean;
  changeDestruction: boolean;
  remove: boolean;
}

/** Which actions the UWS pattern allows in a phase. */
export function actionsFor(phase: ExecutionPhase): PhaseActions {
  const startable = phase === 'PENDING' || phase === 'HELD';
  return {
    run: startable,
    abort: startable || phase === 'QUEUED' || phase === 'EXECUTING' || phase === 'SUSPENDED',
    changeDuration: startable,
    changeDestruction: phase !== 'ARCHIVED',
    remove: true,
  };
}

/** Why an action is not offered, for the disabled button's description. */
export function whyNot(action: keyof PhaseActions, phase: ExecutionPhase): string {
  switch (action) {
    case 'run':
      return `Only a PENDING or HELD job can be started; this one is ${phase}.`;
    case 'abort':
      return `Only a job that has not finished can be aborted; this one is ${phase}.`;
    case 'changeDuration':
      return `The execution duration can only be changed before the job starts; this one is ${phase}.`;
    case 'changeDestruction':
      return `An ${phase} job’s destruction time cannot be changed.`;
    case 'remove':
      return '';
  }
}
