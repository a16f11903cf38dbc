import { describe, expect, it } from 'vitest';
import { buildSpatialIndex } from './spatial-index';

interface KdIndex {
  range(minX: number, minY: number, maxX: number, maxY: number): number[];
  within(x: number, y: number, r: number): number[];
}

/** The k-d tree reader regl-scatterplot itself uses (its bundled KDBush), so the index is checked against its real consumer. */
async function plotReader(): Promise<{ from(data: ArrayBuffer): KdIndex }> {
  const path: string = 'regl-scatterplot/src/kdbush-class.js';
  const module = (await import(/* @vite-ignore */ path)) as { default: () => { from(data: ArrayBuffer): KdIndex } };
  return module.default();
}

/** Points spread over [-1, 1] by a fixed sequence (no randomness in tests). */
function points(n: number) {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = ((i * 0.6180339887) % 1) * 2 - 1;
    y[i] = ((i * 0.7548776662) % 1) * 2 - 1;
  }
  return { x, y };
}

function brute(x: Float32Array, y: Float32Array, [x0, y0, x1, y1]: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! >= x0! && x[i]! <= x1! && y[i]! >= y0! && y[i]! <= y1!) out.push(i);
  return out;
}

describe("the plot's spatial index, built in the worker", () => {
  it('finds exactly the points in a box, read as the plot reads it (small and large point counts)', async () => {
    const KDBush = await plotReader();
    for (const n of [1, 17, 5_000, 70_000]) {
      const { x, y } = points(n);
      const index = KDBush.from(buildSpatialIndex(x, y));
      for (const box of [
        [-0.2, -0.3, 0.25, 0.1],
        [-1, -1, 1, 1],
        [0.9, 0.9, 0.95, 0.99],
      ]) {
        expect(index.range(box[0]!, box[1]!, box[2]!, box[3]!).sort((a, b) => a - b)).toEqual(brute(x, y, box));
      }
    }
  });

  it('indexes no points at all', async () => {
    const KDBush = await plotReader();
    expect(KDBush.from(buildSpatialIndex(new Float32Array(0), new Float32Array(0))).range(-1, -1, 1, 1)).toEqual([]);
  });
});
