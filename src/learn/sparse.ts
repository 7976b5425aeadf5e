/** Sparse storage: growable typed arrays and CSR matrices. */

export class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableFloat32 {
  data = new Float32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

/** Compressed sparse rows: row r has entries `indptr[r] .. indptr[r+1]`. */
export interface Csr {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Dot product of row r of X with a dense weight vector. */
export function rowDot(X: Csr, r: number, w: Float64Array | Float32Array): number {
  let s = 0;
  const end = X.indptr[r + 1]!;
  for (let k = X.indptr[r]!; k < end; k++) s += X.values[k]! * w[X.indices[k]!]!;
  return s;
}
