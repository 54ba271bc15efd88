import { z } from "zod";
import type { Locale } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import type { ProgrammeDeps } from "./deps.ts";
import { findProgrammeForActor, type ProgrammeView } from "./find-programme.ts";
import type { ProgrammeAuditAction } from "./record-programme-audit-event.ts";

export interface ProgrammeAuditEvent {
  id: string;
  at: string;
  actor: string;
  action: ProgrammeAuditAction;
  detail: Record<string, unknown>;
}

const input = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The programme's audit log, newest first, for its office (or the operator). */
export async function listProgrammeAuditEvents(
  deps: ProgrammeDeps,
  actor: Actor,
  slug: string,
  raw: unknown = {},
  locale: Locale = "ja",
): Promise<{ programme: ProgrammeView; items: ProgrammeAuditEvent[]; total: number }> {
  const { limit, offset } = parseInput(input, raw);
  const programme = await findProgrammeForActor(deps, actor, slug, locale);
  const base = deps.root.selectFrom("programme_audit_events").where("programme_id", "=", programme.id);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    programme,
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_label,
      action: r.action as ProgrammeAuditAction,
      detail: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : {},
    })),
  };
}
