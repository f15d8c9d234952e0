export * from './domain/index.js';
export { loadContractColumns } from './infrastructure/contract-columns.loader.js';
export { AnalysisModule } from './analysis.module.js';
export { AnalysisRunner } from './application/analysis-runner.js';
export type { AnalysisRun } from './application/analysis-runner.js';
