export interface ConfigIssue {
  readonly variable: string;
  readonly message: string;
}

/** Start-up failure naming every bad variable and what it accepts. */
export class InvalidConfigError extends Error {
  static readonly code = 'CONFIG.INVALID';
  readonly code = InvalidConfigError.code;

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}
