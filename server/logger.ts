import pino from "pino";

/**
 * Structured JSON logs. Secrets and personal data never reach them: request logs carry the
 * path without its query string, and these paths are masked wherever they appear.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { app: "chiiki" },
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "email",
        "*.email",
        "headers.cookie",
        "headers.authorization",
        "req.headers.cookie",
        "req.headers.authorization",
      ],
      censor: "[redacted]",
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
