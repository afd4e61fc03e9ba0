/** Standard errors from the observed information: inverse of −(Hessian of the log-likelihood) by finite differences. */

export function standardErrors(
  logLikelihood: (z: readonly number[]) => number,
  at: readonly number[],
  h = 1e-3,
): number[] {
  const n = at.length;
  const shifted = (i: number, di: number, j: number, dj: number): number => {
    const z = [...at];
    z[i] = (z[i] ?? 0) + di;
    z[j] = (z[j] ?? 0) + dj;
    return logLikelihood(z);
  };
  const information: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const d2 = shifted(i, h, j, h) - shifted(i, h, j, -h) - shifted(i, -h, j, h) + shifted(i, -h, j, -h);
      row.push(-d2 / (4 * h * h));
    }
    information.push(row);
  }
  return invert(information).map((row, i) => Math.sqrt(row[i] ?? NaN));
}

/** Gauss–Jordan inverse with partial pivoting (small, well-conditioned matrices only). */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const m = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] ?? [], m[col] ?? []];
    const pivotRow = m[col] ?? [];
    const p = pivotRow[col] ?? NaN;
    for (let k = 0; k < 2 * n; k++) pivotRow[k] = (pivotRow[k] ?? 0) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] ?? [];
      const factor = row[col] ?? 0;
      for (let k = 0; k < 2 * n; k++) row[k] = (row[k] ?? 0) - factor * (pivotRow[k] ?? 0);
    }
  }
  return m.map((row) => row.slice(n));
}
