/** Tasks the agents-overhead benchmark runs on worker threads (built to dist/bench). */

export function echo(input: number): number {
  return input;
}

/** CPU-bound work over a row range of a shared column: the same loop the inline baseline runs. */
export function sumSqrtRange({ from, to, context }: { from: number; to: number; context: { values: Float64Array } }): number {
  return sumSqrt(context.values, from, to);
}

export function sumSqrt(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.sqrt(values[i]) * Math.log1p(values[i]);
  return sum;
}
