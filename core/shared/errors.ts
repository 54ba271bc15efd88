/**
 * The one error type that crosses layers. `code` is stable (clients and the message catalogs key
 * on it); the HTTP status belongs to the code, so it is decided here and nowhere else.
 */
export const appErrorStatus = {
  "validation-failed": 422,
  "bad-request": 400,
  unauthenticated: 401,
  "two-factor-required": 403,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "survey-closed": 409,
  "survey-answered": 409,
  "already-installed": 409,
  "email-taken": 409,
  "invitation-invalid": 410,
  "csrf-rejected": 403,
  "rate-limited": 429,
  "payload-too-large": 413,
  internal: 500,
  "backup-invalid": 422,
  "restore-target-not-empty": 409,
  "malformed-url": 400,
  "malformed-form": 400,
  "unsupported-media-type": 415,
  "invalid-text": 400,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

/** A field-level problem: `field` is the form/JSON field, `code` a catalog key under `field.`. */
export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldIssue[];
  readonly params: Record<string, string | number>;

  constructor(
    code: AppErrorCode,
    options: { fields?: FieldIssue[]; params?: Record<string, string | number>; message?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields ?? [];
    this.params = options.params ?? {};
  }

  get status(): number {
    return appErrorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (error instanceof Error && error.name === "AppError" && "code" in error);
}
