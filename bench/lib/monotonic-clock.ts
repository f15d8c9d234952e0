/**
 * Milliseconds of the machine's monotonic clock, the same in every process. Not
 * `performance.timeOrigin + performance.now()`: each process takes its origin from the wall
 * clock when it starts, so two processes disagree by however much the wall clock was adjusted
 * in between (one run measured latencies of -3 ms).
 */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;
