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
  "invitation-scope-gone": 410,
  "csrf-rejected": 403,
  "rate-limited": 429,
  "payload-too-large": 413,
  internal: 500,
  "backup-invalid": 422,
  "restore-target-not-empty": 409,
  // Seminars: each refusal says what happened (a 409 of its own, not one "conflict" for all).
  "already-registered": 409,
  "registration-not-open": 409,
  "registration-closed": 409,
  "registration-cancelled": 409,
  "seat-type-full": 409,
  "seat-type-in-use": 409,
  /** The seat type admits members (and invited guests) only. */
  "seat-type-not-eligible": 403,
  /** A registrant may move only to a seat type with a seat free now (never onto a waitlist ahead of others). */
  "seat-move-not-free": 409,
  "already-checked-in": 409,
  "ticket-not-confirmed": 409,
  "event-not-ended": 409,
  "event-no-talks": 409,
  "personal-feed-expired": 410,
  /** The material may be viewed (as page images, a stream) but its file never handed out. */
  "view-only": 403,
  /** TLP:RED names people of one community's registry: it is never shared with another community (ADR 038). */
  "cross-share-red": 409,
  /** A talk material is shared with other communities only as far as its speaker opened it to members or the public. */
  "cross-share-not-consented": 409,
  /** A stored file that cannot be opened (damaged, or not what its type says). */
  "file-unreadable": 422,
  // Accounts (issue 13): a failed first or second factor, and invitations for existing accounts.
  "sign-in-failed": 401,
  "two-factor-failed": 401,
  "password-wrong": 400,
  "invitation-sign-in-required": 401,
  "invitation-other-account": 409,
  "reset-invalid": 410,
  // Personal data: a self-service deletion link that is unknown, used or expired.
  "privacy-link-invalid": 410,
  "malformed-url": 400,
  "malformed-form": 400,
  "unsupported-media-type": 415,
  "invalid-text": 400,
  /** Another organisation of the registry holds this 法人番号 (a duplicate to merge). */
  "corporate-number-taken": 409,
  /** The two records are already linked, or this side's proposal is still waiting (ADR 039). */
  "corporate-link-exists": 409,
  /** The proposal was accepted or withdrawn meanwhile. */
  "corporate-link-closed": 409,
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
    options: {
      fields?: FieldIssue[];
      params?: Record<string, string | number>;
      message?: string;
      cause?: unknown;
    } = {},
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

/**
 * A plain `instanceof`: a process loads core once (the server build imports it from source,
 * vite.config.ts), so an AppError thrown anywhere in it is an instance of this very class.
 */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
