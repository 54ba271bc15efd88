import type { MailingProgress } from "./get-mailing.ts";
import type { MailingView } from "./mailing-settings.ts";

/**
 * How late an approved mailing may still start by itself. A mailing whose time passed longer ago
 * than this (the server was down, or a backup was restored) waits for a person to confirm it:
 * news of a seminar last month should not go out today unasked.
 */
export const LATE_AFTER_MS = 60 * 60_000;

/** What the mailing page says it is doing: finer than the stored status, from it and the progress. */
export const mailingPhases = [
  "draft",
  "awaiting-approval",
  "scheduled",
  "starting",
  "overdue",
  "queueing",
  "delivering",
  "delivered",
  "cancelled",
] as const;
export type MailingPhase = (typeof mailingPhases)[number];

/** Approved, and its time passed more than LATE_AFTER_MS ago: it waits for confirmation. */
export function isOverdue(mailing: Pick<MailingView, "status" | "scheduledAt">, now: Date): boolean {
  return (
    mailing.status === "approved" &&
    mailing.scheduledAt !== null &&
    mailing.scheduledAt < new Date(now.getTime() - LATE_AFTER_MS).toISOString()
  );
}

/**
 * `sent` only means every recipient is in the outbox; the page says "delivered" once the outbox
 * has sent or given up on each, and "delivering" while some wait there.
 */
export function mailingPhase(
  mailing: Pick<MailingView, "status" | "scheduledAt">,
  progress: MailingProgress,
  now: Date,
): MailingPhase {
  switch (mailing.status) {
    case "approved":
      if (isOverdue(mailing, now)) return "overdue";
      return mailing.scheduledAt && mailing.scheduledAt > now.toISOString() ? "scheduled" : "starting";
    case "sending":
      return "queueing";
    case "sent":
      return progress.waiting > 0 ? "delivering" : "delivered";
    case "draft":
    case "awaiting-approval":
    case "cancelled":
      return mailing.status;
  }
}

/** Phases in which the page refreshes itself, because the worker moves the mailing on by itself. */
export function isMoving(phase: MailingPhase): boolean {
  return phase === "starting" || phase === "queueing" || phase === "delivering";
}
