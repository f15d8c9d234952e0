import type { AppConfig } from '../../config/index.js';

/** How the agent pool is sized and bounded (the AGENT_* variables; see AppConfig). */
export type AgentPoolSettings = AppConfig['agents'];
