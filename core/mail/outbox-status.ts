/** The life of an outbox message: queued, claimed by a worker, delivered, or given up on. */
export const outboxStatuses = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
