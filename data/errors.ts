/**
 * One catalogue of user-facing errors. Each code has an exit code a script can act on
 * and a message that names the file, line and key where the problem is.
 */
export const EXIT = {
  ok: 0,
  failure: 1, // a job ran and failed, or an unexpected internal error
  usage: 2, // bad command line or config
  input: 3, // an input file is missing or unreadable
  findings: 4, // the job succeeded but found what --fail-on asked to fail on
} as const;

export const ERRORS = {
  ASSAY_ERR_CONFIG: EXIT.usage,
  ASSAY_ERR_CONFIG_PARSE: EXIT.usage,
  ASSAY_ERR_USAGE: EXIT.usage,
  ASSAY_ERR_UNKNOWN_JOB: EXIT.usage,
  ASSAY_ERR_JOB_PARAMS: EXIT.usage,
  ASSAY_ERR_INPUT_NOT_FOUND: EXIT.input,
  ASSAY_ERR_INPUT_UNREADABLE: EXIT.input,
  ASSAY_ERR_MAPPING: EXIT.usage,
  ASSAY_ERR_SQL: EXIT.usage,
  ASSAY_ERR_READ_ONLY: EXIT.usage,
  ASSAY_ERR_WAREHOUSE: EXIT.failure,
  ASSAY_ERR_JOB_FAILED: EXIT.failure,
  ASSAY_ERR_NO_DATA: EXIT.input,
  ASSAY_ERR_PRICE_FILE: EXIT.input,
  ASSAY_ERR_OUT_OF_MEMORY: EXIT.failure,
  ASSAY_ERR_SHUTDOWN: EXIT.failure, // `assay serve` was stopping: the request or queued run was not taken
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AssayError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AssayError';
    this.code = code;
    this.exitCode = ERRORS[code];
    this.details = details;
  }
}

export function isAssayError(e: unknown): e is AssayError {
  return e instanceof AssayError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
