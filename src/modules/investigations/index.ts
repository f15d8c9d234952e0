export { InvestigationsModule, InvestigationsWorkerModule } from './investigations.module.js';
