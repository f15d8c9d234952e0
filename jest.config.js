/**
 * Test tiers: unit specs beside the code; integration, e2e and fault tests under test/.
 * Nest 12 ships as ES modules only, so Jest runs in native ESM mode (see package.json "test").
 */
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    },
  ],
};
// CommonJS packages that require() ES-module-only packages work on Node >= 20.19 through
// require(esm), which Jest's module loader lacks below Node 24.9: compile those few to CommonJS.
const ESM_REQUIRED_FROM_CJS = ['content-disposition', 'cookie', '@apidevtools/json-schema-ref-parser'];
const toCommonJs = ['@swc/jest', { module: { type: 'commonjs' } }];

const common = {
  transform: { ...transform, [`node_modules/(${ESM_REQUIRED_FROM_CJS.join('|')})/.+\\.js$`]: toCommonJs },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_REQUIRED_FROM_CJS.join('|')})/)`],
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/docker/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'fault', testMatch: ['<rootDir>/test/fault/**/*.spec.ts'] },
  ],
  testTimeout: 60000,
};
