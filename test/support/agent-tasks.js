// Tasks for the agent pool's tests. Plain JavaScript: worker threads load it as it is.
import { threadId } from 'node:worker_threads';

export function echo(input) {
  return input;
}

export function whichThread() {
  return threadId;
}

/** Sums a numeric chunk; says whether it arrived on shared memory and how large its backing buffer was. */
export function sumChunk({ items, offset }) {
  let sum = 0;
  for (let i = 0; i < items.length; i++) sum += items[i];
  return { sum, offset, shared: items.buffer instanceof SharedArrayBuffer, backingBytes: items.buffer.byteLength };
}

export function sumRange({ from, to, context }) {
  let sum = 0;
  for (let i = from; i < to; i++) sum += context.values[i];
  return sum;
}

export function double(n) {
  return n * 2;
}

export function addOne(n) {
  return n + 1;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(ms), ms));
}

/** Blocks its thread: only terminating the thread stops it. */
export function spin(ms) {
  const until = Date.now() + ms;
  while (Date.now() < until);
  return ms;
}

export function fail(message) {
  throw new Error(message);
}

export function crash() {
  process.exit(3);
}

/** Crashes the first time (a marker file says so), then succeeds: for retries of idempotent tasks. */
export async function crashOnce(marker) {
  const { existsSync, writeFileSync } = await import('node:fs');
  if (!existsSync(marker)) {
    writeFileSync(marker, 'crashed');
    process.exit(4);
  }
  return 'recovered';
}

export function hogMemory() {
  const hoard = [];
  for (;;) hoard.push(new Array(1e6).fill(hoard.length));
}

/** Returns at once, then wedges its thread's event loop: the thread looks idle but answers nothing. */
export function wedgeAfterReturn() {
  setTimeout(() => {
    for (;;);
  }, 10);
  return 'ok';
}
