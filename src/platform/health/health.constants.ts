/** Class metadata naming a readiness indicator (`@ReadinessIndicator`). */
export const READINESS_INDICATOR = 'hotpath:health:readiness-indicator';
