import { describe, expect, it } from 'vitest';
import { hammer, sphericalCentre, tangentPlane } from './projection';

describe('sky projections', () => {
  it('puts the centre of the all-sky map in its middle and the poles at top and bottom', () => {
    const [x0, y0] = hammer(0, 0)!;
    expect(Math.abs(x0) + Math.abs(y0)).toBe(0);
    const north = hammer(123, 90)!;
    expect(north[0]).toBeCloseTo(0);
    expect(north[1]).toBeCloseTo(0.5);
    expect(hammer(0, -90)![1]).toBeCloseTo(-0.5);
  });

  it('draws right ascension growing to the left, as on the sky', () => {
    expect(hammer(90, 0)![0]).toBeLessThan(0);
    expect(hammer(270, 0)![0]).toBeGreaterThan(0);
  });

  it('leaves out positions that are not on the sky', () => {
    expect(hammer(10, 91)).toBeNull();
    expect(hammer(Number.NaN, 0)).toBeNull();
  });

  it('measures the tangent plane in degrees near its centre', () => {
    const [x, y] = tangentPlane(10, 11, 10, 10)!;
    expect(x).toBeCloseTo(0);
    expect(y).toBeCloseTo(1, 3);
    expect(tangentPlane(190, -10, 10, 10)).toBeNull();
  });

  it('centres a field that straddles RA 0 on RA 0, not on RA 180', () => {
    const [ra0, dec0] = sphericalCentre([359, 1, 359.5, 0.5], [0, 0, 1, -1])!;
    expect(Math.min(ra0, 360 - ra0)).toBeLessThan(0.01);
    expect(dec0).toBeCloseTo(0, 5);
  });
});
