import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import type { Audience, MailingStatus } from "./mailing-input.ts";

/**
 * Settings (app_settings): `mailings.second_approval` = "off" lets the secretariat member who
 * submits a mailing approve it alone (on by default: a second secretariat user must approve);
 * `mailings.rate_per_minute` bounds how fast recipients enter the outbox (default 600).
 */
export async function mailingSettings(
  db: Kysely<DB>,
): Promise<{ secondApproval: boolean; ratePerMinute: number; communityName: string }> {
  const rows = await db
    .selectFrom("app_settings")
    .select(["key", "value"])
    .where("key", "in", ["mailings.second_approval", "mailings.rate_per_minute", "community_name"])
    .execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const rate = Number(value("mailings.rate_per_minute"));
  return {
    secondApproval: value("mailings.second_approval") !== "off",
    ratePerMinute: Number.isFinite(rate) && rate > 0 ? rate : 600,
    communityName: value("community_name") ?? "Chiiki",
  };
}

export interface MailingView {
  id: string;
  subject: string;
  bodyTemplate: string;
  /** The English version, or null (Japanese for everyone). */
  subjectEn: string | null;
  bodyTemplateEn: string | null;
  audience: Audience;
  postId: string | null;
  status: MailingStatus;
  createdBy: string | null;
  requestedBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

export function mailingView(row: Row<"mailings">): MailingView {
  return {
    id: row.id,
    subject: row.subject,
    bodyTemplate: row.body_template,
    subjectEn: row.subject_en,
    bodyTemplateEn: row.body_template_en,
    audience: JSON.parse(row.audience_json) as Audience,
    postId: row.post_id,
    status: row.status as MailingStatus,
    createdBy: row.created_by,
    requestedBy: row.requested_by,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
  };
}

export async function findMailing(db: Kysely<DB>, id: string): Promise<Row<"mailings">> {
  const row = await db.selectFrom("mailings").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  return row;
}
