import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';

/** Every migration in order; listed explicitly so builds and tests load the same classes. */
export const MIGRATIONS = [InitialSchema1763800000000];
