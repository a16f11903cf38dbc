import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './iso-date';
import { parsePhase, parsePlainValue } from './plain-text';

const fixtures = import.meta.glob<string>('./fixtures/*.txt', { query: '?raw', import: 'default', eager: true });
function fixture(name: string): string {
  const text = fixtures[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`No fixture ${name}`);
  return text;
}

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

  it('reads the sub-resource bodies services send', () => {
    expect(parsePhase(fixture('phase-crlf.txt'))).toBe('EXECUTING');
    expect(parsePlainValue(fixture('owner-null.txt'))).toBeNull();
    expect(parseIsoDate(parsePlainValue(fixture('destruction-trailing-whitespace.txt')))?.toISOString()).toBe('2026-11-23T19:40:46.000Z');
    expect(Number(parsePlainValue(fixture('executionduration-dachs.txt')))).toBe(3600);
    expect(parsePlainValue(fixture('empty-body.txt'))).toBeNull();
  });
});
