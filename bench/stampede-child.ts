import { Redis } from 'ioredis';
import { BENCH_REDIS_URL } from './lib/redis-tiered.js';
import { createSubject, type Subject } from './lib/stampede-subjects.js';

/** One process of the cross-process stampede: waits for the shared start time, then fires its callers. */
const [subject, prefix, key, startAt, callers] = process.argv.slice(2);
const counter = new Redis(BENCH_REDIS_URL);
const cache = createSubject(subject as Subject, prefix);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const loader = async () => {
  await counter.incr(`runs:${prefix}:${subject}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { computed: true };
};
await Promise.all(Array.from({ length: Number(callers) }, () => cache.getOrSet(key, loader)));
await cache.close();
counter.disconnect();
