/**
 * The plot's spatial index, built in the analysis worker: a static k-d tree
 * of the points (the KDBush layout, serialization version 1, which
 * regl-scatterplot reads with `KDBush.from`). Handed to the plot with the
 * points, it spares the page the plot's own indexing, which for a million
 * points first copies every point to a worker of its own.
 *
 * Layout: 8 header bytes (0xdb, version << 4 | array type, uint16 node size,
 * uint32 count), the point ids (Uint16 below 65 536 points, else Uint32),
 * padding to 8 bytes, then x, y pairs; ids and pairs kd-sorted in place.
 */

const FORMAT_VERSION = 1;
const HEADER_SIZE = 8;
/** Index of Float32Array in KDBush's list of array types. */
const FLOAT32_TYPE = 7;

export function buildSpatialIndex(x: Float32Array, y: Float32Array, nodeSize = 16): ArrayBuffer {
  const n = x.length;
  const IdArray = n < 65_536 ? Uint16Array : Uint32Array;
  const idsBytes = n * IdArray.BYTES_PER_ELEMENT;
  const pad = (8 - (idsBytes % 8)) % 8;
  const data = new ArrayBuffer(HEADER_SIZE + idsBytes + pad + n * 2 * 4);
  new Uint8Array(data, 0, 2).set([0xdb, (FORMAT_VERSION << 4) + FLOAT32_TYPE]);
  new Uint16Array(data, 2, 1)[0] = nodeSize;
  new Uint32Array(data, 4, 1)[0] = n;
  const ids = new IdArray(data, HEADER_SIZE, n);
  const coords = new Float32Array(data, HEADER_SIZE + idsBytes + pad, n * 2);
  for (let i = 0; i < n; i++) {
    ids[i] = i;
    coords[2 * i] = x[i]!;
    coords[2 * i + 1] = y[i]!;
  }
  if (n > 0) kdSort(ids, coords, nodeSize, 0, n - 1, 0);
  return data;
}

type Ids = Uint16Array | Uint32Array;

/** Sort so that each node's middle item splits its range on alternating axes. */
function kdSort(ids: Ids, coords: Float32Array, nodeSize: number, left: number, right: number, axis: number): void {
  if (right - left <= nodeSize) return;
  const m = (left + right) >> 1;
  select(ids, coords, m, left, right, axis);
  kdSort(ids, coords, nodeSize, left, m - 1, 1 - axis);
  kdSort(ids, coords, nodeSize, m + 1, right, 1 - axis);
}

/** Floyd and Rivest's selection: items left of k are no greater than the k-th on the axis, those right of it no smaller. */
function select(ids: Ids, coords: Float32Array, k: number, left: number, right: number, axis: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(ids, coords, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)), axis);
    }
    const t = coords[2 * k + axis]!;
    let i = left;
    let j = right;
    swapItem(ids, coords, left, k);
    if (coords[2 * right + axis]! > t) swapItem(ids, coords, left, right);
    while (i < j) {
      swapItem(ids, coords, i, j);
      i++;
      j--;
      while (coords[2 * i + axis]! < t) i++;
      while (coords[2 * j + axis]! > t) j--;
    }
    if (coords[2 * left + axis] === t) swapItem(ids, coords, left, j);
    else {
      j++;
      swapItem(ids, coords, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swapItem(ids: Ids, coords: Float32Array, i: number, j: number): void {
  const id = ids[i]!;
  ids[i] = ids[j]!;
  ids[j] = id;
  const a = 2 * i;
  const b = 2 * j;
  const x = coords[a]!;
  const y = coords[a + 1]!;
  coords[a] = coords[b]!;
  coords[a + 1] = coords[b + 1]!;
  coords[b] = x;
  coords[b + 1] = y;
}
