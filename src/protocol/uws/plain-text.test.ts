import { describe, expect, it } from 'vitest';
import { parsePhase, parsePlainValue } from './plain-text';

describe('plain-text sub-resources', () => {
  it('trims trailing whitespace and CRLF', () => {
    expect(parsePlainValue('3600\r\n')).toBe('3600');
    expect(parsePlainValue('2026-11-23T19:40:46Z \n')).toBe('2026-11-23T19:40:46Z');
  });

  it('reads the text NULL and an empty body as null', () => {
    expect(parsePlainValue('NULL')).toBeNull();
    expect(parsePlainValue('null\n')).toBeNull();
    expect(parsePlainValue('')).toBeNull();
    expect(parsePlainValue(' \r\n')).toBeNull();
  });

  it('reads a phase in any case, with a trailing newline', () => {
    expect(parsePhase('EXECUTING')).toBe('EXECUTING');
    expect(parsePhase('completed\r\n')).toBe('COMPLETED');
    expect(parsePhase('PAUSED')).toBe('UNKNOWN');
    expect(parsePhase('')).toBeNull();
  });
});
