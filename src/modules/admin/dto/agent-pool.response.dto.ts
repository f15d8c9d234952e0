import { ApiProperty } from '@nestjs/swagger';
import type { ProcessAgentPoolReport } from '../../../platform/agents/index.js';

const int = { type: 'integer', minimum: 0 } as const;

class AgentThreadsDto {
  @ApiProperty(int) min!: number;
  @ApiProperty(int) max!: number;
  @ApiProperty(int) current!: number;
  @ApiProperty(int) idle!: number;
}

class AgentQueueDto {
  @ApiProperty(int) depth!: number;
  @ApiProperty(int) max!: number;
}

class AgentTasksDto {
  @ApiProperty(int) submitted!: number;
  @ApiProperty(int) completed!: number;
  @ApiProperty(int) failed!: number;
  @ApiProperty(int) timedOut!: number;
  @ApiProperty(int) aborted!: number;
  @ApiProperty({ ...int, description: 'Refused because the queue was full.' }) rejectedQueueFull!: number;
  @ApiProperty(int) retried!: number;
  @ApiProperty(int) inFlight!: number;
}

class TimingSummaryDto {
  @ApiProperty() meanMs!: number;
  @ApiProperty() p50Ms!: number;
  @ApiProperty() p99Ms!: number;
  @ApiProperty() maxMs!: number;
}

export class ProcessAgentPoolDto implements ProcessAgentPoolReport {
  @ApiProperty({ description: '`hostname-pid` of the process running the pool.' }) process!: string;
  @ApiProperty({ format: 'date-time', description: 'When the process published it.' }) reportedAt!: string;
  @ApiProperty({ type: AgentThreadsDto }) threads!: AgentThreadsDto;
  @ApiProperty({ minimum: 0, maximum: 1, description: "Share of the pool's thread time spent running tasks since start." }) utilization!: number;
  @ApiProperty({ type: AgentQueueDto }) queue!: AgentQueueDto;
  @ApiProperty({ type: AgentTasksDto }) tasks!: AgentTasksDto;
  @ApiProperty(int) workersReplaced!: number;
  @ApiProperty(int) pingFailures!: number;
  @ApiProperty({ type: TimingSummaryDto, description: 'Time tasks waited for a thread.' }) waitTime!: TimingSummaryDto;
  @ApiProperty({ type: TimingSummaryDto, description: 'Time tasks ran.' }) runTime!: TimingSummaryDto;
}

export class AgentPoolsResponseDto {
  @ApiProperty({ type: [ProcessAgentPoolDto], description: "One per process that runs a pool: this one's live, the others' as last reported." }) processes!: ProcessAgentPoolDto[];
}
