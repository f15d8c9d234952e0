export type { AnalysisAgent } from './analysis-agent.js';
export { runAgent } from './analysis-agent.js';
export type { ContractColumns } from './contract-columns.js';
export { ContractColumnsBuilder, columnsFromRows, type ContractRowInput } from './contract-columns.builder.js';
export { AGENT_NAMES, SEVERITIES, type AgentName, type Finding, type Severity } from './finding.js';
export { readUuid, writeUuidBytes } from './uuid-bytes.js';
export * from './agents/index.js';
