import { describe, expect, it } from 'vitest';
import { EXECUTION_PHASES, findParameter, isExecutionPhase, isFinalPhase } from './types';

describe('phases', () => {
  it('reads every phase UWS 1.1 names, and stops watching only at the final ones', () => {
    const spec = ['PENDING', 'QUEUED', 'EXECUTING', 'COMPLETED', 'ERROR', 'ABORTED', 'UNKNOWN', 'HELD', 'SUSPENDED', 'ARCHIVED'];
    expect(spec.filter(isExecutionPhase)).toEqual(spec);
    expect(EXECUTION_PHASES.filter(isFinalPhase)).toEqual(['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED']);
    expect(isExecutionPhase('RUN')).toBe(false);
    expect(isExecutionPhase('HELD')).toBe(true);
    expect(isExecutionPhase('held')).toBe(false);
  });
});

describe('findParameter', () => {
  it('finds a parameter whatever the case of its id', () => {
    const job = { parameters: [{ id: 'QUERY', value: 'SELECT 1', byReference: false, isPost: false }] };
    expect(findParameter(job, 'query')?.value).toBe('SELECT 1');
    expect(findParameter(job, 'Query')?.value).toBe('SELECT 1');
    expect(findParameter(job, 'lang')).toBeUndefined();
  });
});
