import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/index.js';
import { AgentPool } from './agent-pool.js';
import { AgentPoolReadiness } from './agent-pool.readiness.js';
import { AgentPoolReporter } from './agent-pool.reporter.js';

/** One shared agent pool per process, sized from config, reported to Redis for operators, closed (draining) on shutdown. */
@Global()
@Module({
  providers: [{ provide: AgentPool, inject: [AppConfig], useFactory: (config: AppConfig) => new AgentPool(config.agents) }, AgentPoolReporter, AgentPoolReadiness],
  exports: [AgentPool],
})
export class AgentsModule implements OnApplicationShutdown {
  constructor(
    @Inject(AgentPool) private readonly pool: AgentPool,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close(this.config.http.shutdownTimeoutMs);
  }
}
