/**
 * Reading the stored elements of a BINTABLE column (big-endian) into the
 * VOTable decoder's storage: booleans, bits, integers with their TNULL,
 * unsigned integers and signed bytes shifted exactly, scaled values as
 * doubles, floats and complex numbers.
 */

import { HI, LO } from '../votable/column-builder';
import type { ColumnPlan } from './columns';

export type Out = Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array | BigInt64Array;

const TWO32 = 4294967296;

/**
 * Reads `n` elements of the plan's type, the k-th at pos + k * stride, into
 * out[at ..] (complex: two entries each). Null elements are marked in
 * `nulls` (scalars) or left as the null the reader knows (NaN, 2 for
 * booleans, the integer null value).
 */
export function fill(plan: ColumnPlan, t: { bytes: Uint8Array; dv: DataView }, pos: number, stride: number, n: number, out: Out, at: number, nulls: Uint8Array | null): void {
  const { bytes, dv } = t;
  const { mode, scale, zero } = plan;
  const tnull = plan.tnull;
  // The stored null as the stored values are read (B unsigned, I and J signed).
  const nullN = tnull === undefined ? NaN : plan.code === 'B' ? Number(BigInt.asUintN(8, tnull)) : Number(BigInt.asIntN(plan.code === 'I' ? 16 : 32, tnull));
  switch (plan.code) {
    case 'L': {
      const o = out as Uint8Array;
      for (let k = 0; k < n; k++) {
        const b = bytes[pos + k * stride];
        let v = b === 84 ? 1 : b === 70 ? 0 : 2;
        if (v === 2 && nulls) {
          nulls[at + k] = 1;
          v = 0;
        }
        o[at + k] = v;
      }
      return;
    }
    case 'X': {
      // n bits from pos (stride unused: bits are packed, most significant first).
      const o = out as Uint8Array;
      for (let k = 0; k < n; k++) o[at + k] = (bytes[pos + (k >> 3)]! >> (7 - (k & 7))) & 1;
      return;
    }
    case 'B':
    case 'I':
    case 'J': {
      const code = plan.code;
      const o = out as Int16Array | Int32Array | Uint8Array | Float64Array;
      const w = out instanceof BigInt64Array ? new Int32Array(out.buffer, out.byteOffset, out.length * 2) : null;
      for (let k = 0; k < n; k++) {
        const p = pos + k * stride;
        const raw = code === 'B' ? bytes[p]! : code === 'I' ? dv.getInt16(p) : dv.getInt32(p);
        const isNull = raw === nullN;
        if (isNull && nulls) nulls[at + k] = 1;
        if (mode === 'scaled') o[at + k] = isNull ? NaN : zero + scale * raw;
        else if (mode === 'raw') o[at + k] = raw;
        else if (w) {
          // J with TZERO 2^31: unsigned 32-bit, into a long.
          w[2 * (at + k) + LO] = raw ^ 0x80000000;
          w[2 * (at + k) + HI] = 0;
        } else o[at + k] = code === 'B' ? raw - 128 : raw + 32768;
      }
      return;
    }
    case 'K': {
      let nullHi = 0;
      let nullLo = 0;
      if (tnull !== undefined) {
        const u = BigInt.asUintN(64, tnull);
        nullHi = Number(BigInt.asIntN(32, u >> 32n));
        nullLo = Number(u & 0xffffffffn);
      }
      const hasNull = tnull !== undefined;
      if (mode === 'scaled') {
        const o = out as Float64Array;
        for (let k = 0; k < n; k++) {
          const p = pos + k * stride;
          const hi = dv.getInt32(p);
          const lo = dv.getUint32(p + 4);
          const isNull = hasNull && hi === nullHi && lo === (nullLo >>> 0);
          if (isNull && nulls) nulls[at + k] = 1;
          o[at + k] = isNull ? NaN : zero + scale * (hi * TWO32 + lo);
        }
        return;
      }
      const o = out as BigInt64Array;
      const w = new Int32Array(o.buffer, o.byteOffset, o.length * 2);
      const flip = mode === 'offset' ? 0x80000000 : 0;
      for (let k = 0; k < n; k++) {
        const p = pos + k * stride;
        const hi = dv.getInt32(p);
        const lo = dv.getInt32(p + 4);
        if (hasNull && nulls && hi === nullHi && lo === (nullLo | 0)) nulls[at + k] = 1;
        w[2 * (at + k) + HI] = hi ^ flip;
        w[2 * (at + k) + LO] = lo;
      }
      return;
    }
    case 'E':
    case 'D': {
      const o = out as Float32Array | Float64Array;
      const d = plan.code === 'D';
      for (let k = 0; k < n; k++) {
        const p = pos + k * stride;
        const raw = d ? dv.getFloat64(p) : dv.getFloat32(p);
        o[at + k] = mode === 'scaled' ? zero + scale * raw : raw;
      }
      return;
    }
    case 'C':
    case 'M': {
      const o = out as Float32Array | Float64Array;
      const d = plan.code === 'M';
      const half = d ? 8 : 4;
      for (let k = 0; k < n; k++) {
        const p = pos + k * stride;
        o[2 * (at + k)] = d ? dv.getFloat64(p) : dv.getFloat32(p);
        o[2 * (at + k) + 1] = d ? dv.getFloat64(p + half) : dv.getFloat32(p + half);
      }
      return;
    }
    case 'A':
      throw new Error('Text columns are read by their own path.');
  }
}
