/** A shared bucket never owes more than its burst: an instance cut off from the others cannot run up a debt that locks callers out for long. */
export const debtFloor = (burst: number): number => -burst;

/** Milliseconds after its last charge when a shared bucket is full again, even from the floor: it may then be forgotten. */
export const idleTtlMs = (rate: number, burst: number): number => Math.ceil(((burst - debtFloor(burst)) / rate) * 1000) + 1000;
