import { describe, expect, it } from 'vitest';
import type { DescriptorParam } from '../../protocol/datalink/descriptors';
import { checkSodaValue } from './soda-values';

const param = (p: Partial<DescriptorParam>): DescriptorParam => ({ name: 'X', datatype: 'double', value: '', options: [], ...p });

describe('SODA values typed by the user', () => {
  it('accepts an empty value, which is not sent', () => {
    expect(checkSodaValue(param({ xtype: 'circle', arraysize: '3' }), '  ')).toBeNull();
  });
  it('asks for three numbers in a circle', () => {
    expect(checkSodaValue(param({ name: 'CIRCLE', xtype: 'circle', arraysize: '3' }), '10 20')).toBe('CIRCLE takes 3 numbers.');
    expect(checkSodaValue(param({ name: 'CIRCLE', xtype: 'circle', arraysize: '3' }), '10 20 0.1')).toBeNull();
  });
  it('keeps a scale within the service’s range and whole', () => {
    const scale = param({ name: 'SCALE', datatype: 'int', min: '2', max: '32' });
    expect(checkSodaValue(scale, '1')).toBe('SCALE must be at least 2.');
    expect(checkSodaValue(scale, '2.5')).toBe('SCALE takes whole numbers.');
    expect(checkSodaValue(scale, '4')).toBeNull();
  });
  it('refuses an interval whose ends are the wrong way round', () => {
    expect(checkSodaValue(param({ name: 'RA', xtype: 'interval', arraysize: '2' }), '73 72')).toBe('The low end of RA is above its high end.');
  });
  it('refuses text in a numeric parameter', () => {
    expect(checkSodaValue(param({ name: 'RA', xtype: 'interval', arraysize: '2' }), '72 abc')).toBe('RA takes numbers only.');
  });
});
