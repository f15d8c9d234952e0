export * from './domain/index.js';
export { loadContractColumns } from './infrastructure/contract-columns.loader.js';
