import type { AnalysisAgent } from '../analysis-agent.js';
import type { AgentName } from '../finding.js';
import { benfordAgent } from './benford.agent.js';
import { priceOutlierAgent } from './price-outlier.agent.js';
import { splitPurchaseAgent } from './split-purchase.agent.js';
import { supplierConcentrationAgent } from './supplier-concentration.agent.js';

export { benfordAgent, priceOutlierAgent, splitPurchaseAgent, supplierConcentrationAgent };

/** Every analysis agent by name. */
export const ANALYSIS_AGENTS: Readonly<Record<AgentName, AnalysisAgent<unknown>>> = {
  'price-outlier': priceOutlierAgent as AnalysisAgent<unknown>,
  'split-purchase': splitPurchaseAgent as AnalysisAgent<unknown>,
  'supplier-concentration': supplierConcentrationAgent as AnalysisAgent<unknown>,
  benford: benfordAgent as AnalysisAgent<unknown>,
};
