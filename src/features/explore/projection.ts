/**
 * Sky projections for plots, in plot units: x grows to the east's opposite
 * (right ascension increases to the left, as on the sky), y grows north.
 */
const RAD = Math.PI / 180;

/** Wrap a longitude to (-180, 180] around `centre` degrees. */
function wrap(lon: number, centre: number): number {
  let d = (lon - centre) % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

/**
 * Hammer–Aitoff equal-area all-sky projection. Returns x in [-1, 1] and y in
 * [-0.5, 0.5] (the ellipse's 2:1 shape), or null for an invalid position.
 */
export function hammer(raDeg: number, decDeg: number, centreRa = 0): [number, number] | null {
  if (!Number.isFinite(raDeg) || !Number.isFinite(decDeg) || decDeg < -90 || decDeg > 90) return null;
  const lon = -wrap(raDeg, centreRa) * RAD;
  const lat = decDeg * RAD;
  const z = Math.sqrt(1 + Math.cos(lat) * Math.cos(lon / 2));
  const x = (2 * Math.SQRT2 * Math.cos(lat) * Math.sin(lon / 2)) / z;
  const y = (Math.SQRT2 * Math.sin(lat)) / z;
  // The projection's extent is x in [-2√2, 2√2], y in [-√2, √2].
  return [x / (2 * Math.SQRT2), y / (2 * Math.SQRT2)];
}

/**
 * Gnomonic (tangent-plane) projection around (ra0, dec0), in degrees on the
 * plane; null for points on the far hemisphere.
 */
export function tangentPlane(raDeg: number, decDeg: number, ra0: number, dec0: number): [number, number] | null {
  if (!Number.isFinite(raDeg) || !Number.isFinite(decDeg)) return null;
  const a = raDeg * RAD;
  const d = decDeg * RAD;
  const a0 = ra0 * RAD;
  const d0 = dec0 * RAD;
  const cosc = Math.sin(d0) * Math.sin(d) + Math.cos(d0) * Math.cos(d) * Math.cos(a - a0);
  if (cosc <= 0) return null;
  const xi = (Math.cos(d) * Math.sin(a - a0)) / cosc;
  const eta = (Math.cos(d0) * Math.sin(d) - Math.sin(d0) * Math.cos(d) * Math.cos(a - a0)) / cosc;
  return [-xi / RAD, eta / RAD];
}

/** The mean position of a set of points, on the sphere (so a field across RA 0 is centred correctly). */
export function sphericalCentre(ra: ArrayLike<number>, dec: ArrayLike<number>): [number, number] | null {
  let x = 0;
  let y = 0;
  let z = 0;
  let n = 0;
  for (let i = 0; i < ra.length; i++) {
    const a = ra[i]! * RAD;
    const d = dec[i]! * RAD;
    if (!Number.isFinite(a) || !Number.isFinite(d)) continue;
    x += Math.cos(d) * Math.cos(a);
    y += Math.cos(d) * Math.sin(a);
    z += Math.sin(d);
    n++;
  }
  if (n === 0) return null;
  const r = Math.hypot(x, y);
  const ra0 = ((Math.atan2(y, x) / RAD) % 360 + 360) % 360;
  const dec0 = Math.atan2(z, r) / RAD;
  return [ra0, dec0];
}
