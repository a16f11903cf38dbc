import { describe, expect, it } from 'vitest';
import { cn } from './cn';

describe('cn', () => {
  it('lets a later padding replace an earlier one', () => {
    const classes = cn('px-3 py-1.5 text-sm', 'px-2 py-1 text-xs').split(' ');
    expect(classes).toEqual(expect.arrayContaining(['px-2', 'py-1', 'text-xs']));
    expect(classes).not.toContain('px-3');
    expect(classes).not.toContain('py-1.5');
    expect(classes).not.toContain('text-sm');
  });

  it('drops false, null and undefined parts and keeps variants apart', () => {
    expect(cn('p-2', false, null, undefined, { 'font-bold': true, italic: false }, 'dark:p-4')).toBe('p-2 font-bold dark:p-4');
  });
});
