import { outboxStatuses } from "#core/mail/outbox-status.ts";
import { useT } from "../lib/i18n.ts";

export function OutboxStatusBadge({ status }: { status: string }) {
  const t = useT();
  const known = outboxStatuses.find((s) => s === status);
  return <span className={`badge badge--${status}`}>{known ? t(`outbox.status.${known}`) : status}</span>;
}
