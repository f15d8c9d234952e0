import type { AgentPool, RunOptions } from '../agent-pool.js';
import type { AgentTask } from '../agent-task.js';

/**
 * Runs each input through the stages in order, each stage a task on the pool; inputs move
 * independently, so stage 2 of one input runs while stage 1 of the next does.
 */
export function pipeline(pool: AgentPool, stages: readonly AgentTask[], options: Pick<RunOptions, 'timeoutMs' | 'signal'> = {}): (inputs: readonly unknown[]) => Promise<unknown[]> {
  if (stages.length === 0) throw new RangeError('a pipeline needs at least one stage');
  const through = async (input: unknown): Promise<unknown> => {
    let value = input;
    for (const stage of stages) value = await pool.run(stage, value, options);
    return value;
  };
  return (inputs) => Promise.all(inputs.map(through));
}
