/**
 * The event editor's form ⇄ the core's EventInput. Field names are the input's paths
 * (`seatTypes.0.capacity`, `sessions.1.speakers.0.name`), so core's field errors land beside
 * the right inputs.
 */
import type { EventInput } from "#core/events/event-input.ts";
import { formInput } from "../lib/form.server.ts";
import type { EventView } from "#core/events/event-records.ts";
import { japanLocal } from "#i18n/dates.ts";

export const SPARE_ROWS = 1;

/** An instant as the value of `<input type="datetime-local">`, in Japan time. */
export function toLocalInput(iso: string | null | undefined): string {
  return japanLocal(iso);
}

export function eventToFormValues(
  event: (EventView & { onlineJoinUrl: string | null }) | null,
): Record<string, string> {
  if (!event)
    return {
      audience: "public",
      "seatTypes.0.key": "venue",
      "seatTypes.0.label": "会場",
      "seatTypes.0.waitlist": "on",
      "seatTypes.1.key": "online",
      "seatTypes.1.label": "オンライン",
      "seatTypes.1.waitlist": "on",
    };
  const v: Record<string, string> = {
    title: event.title,
    theme: event.theme ?? "",
    description: event.description ?? "",
    audience: event.audience,
    startsAt: toLocalInput(event.startsAt),
    endsAt: toLocalInput(event.endsAt),
    receptionAt: toLocalInput(event.receptionAt),
    venueName: event.venueName ?? "",
    venueRoom: event.venueRoom ?? "",
    venueAddress: event.venueAddress ?? "",
    venuePhone: event.venuePhone ?? "",
    onlineTool: event.onlineTool ?? "",
    onlineJoinUrl: event.onlineJoinUrl ?? "",
    feeText: event.feeText ?? "",
    organiser: event.organiser ?? "",
    coOrganisers: event.coOrganisers ?? "",
    registrationOpensAt: toLocalInput(event.registrationOpensAt),
    registrationClosesAt: toLocalInput(event.registrationClosesAt),
    consentText: event.consentText ?? "",
  };
  event.seatTypes.forEach((s, i) => {
    Object.assign(v, {
      [`seatTypes.${i}.key`]: s.key,
      [`seatTypes.${i}.label`]: s.label,
      [`seatTypes.${i}.capacity`]: String(s.capacity),
      [`seatTypes.${i}.eligibility`]: s.eligibility,
    });
    if (s.waitlist) v[`seatTypes.${i}.waitlist`] = "on";
  });
  event.sessions.forEach((s, i) => {
    Object.assign(v, {
      [`sessions.${i}.title`]: s.title,
      [`sessions.${i}.startsAt`]: toLocalInput(s.startsAt),
      [`sessions.${i}.endsAt`]: toLocalInput(s.endsAt),
      [`sessions.${i}.abstract`]: s.abstract ?? "",
    });
    s.speakers.forEach((p, j) => {
      for (const [k, value] of Object.entries({
        name: p.name,
        reading: p.reading,
        title: p.title,
        affiliation: p.affiliation,
        profile: p.profile,
      }))
        v[`sessions.${i}.speakers.${j}.${k}`] = value ?? "";
    });
  });
  event.questions.forEach((q, i) => {
    Object.assign(v, { [`questions.${i}.key`]: q.key, [`questions.${i}.label`]: q.label });
    if (q.required) v[`questions.${i}.required`] = "on";
  });
  return v;
}

/** How many rows of each repeated group the form shows: what is there, plus spare rows. */
export function rowCounts(values: Record<string, string>) {
  const count = (pattern: RegExp) => {
    let max = -1;
    for (const key of Object.keys(values)) {
      const m = pattern.exec(key);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return max + 1;
  };
  const sessions = count(/^sessions\.(\d+)\./) + SPARE_ROWS;
  return {
    seatTypes: Math.max(count(/^seatTypes\.(\d+)\./), 1) + SPARE_ROWS,
    sessions,
    speakers: Array.from(
      { length: sessions },
      (_, i) => count(new RegExp(`^sessions\\.${i}\\.speakers\\.(\\d+)\\.`)) + SPARE_ROWS,
    ),
    questions: count(/^questions\.(\d+)\./) + SPARE_ROWS,
  };
}

/**
 * The editor's fields as the core's EventInput: blank fields are left out (optional), unticked
 * boxes are false, blank spare rows dropped (app/lib/form.server.ts). A blank row between filled
 * ones is skipped, which shifts the error paths of later rows by one; forms are filled top down,
 * so in practice they line up.
 */
export function formToEventInput(form: FormData): EventInput {
  const input = formInput(form, {
    checkboxes: ["seatTypes.waitlist", "questions.required"],
    lists: ["seatTypes", "sessions", "questions"],
    blankAsMissing: true,
  });
  const questions = (input.questions as Record<string, unknown>[]).map((q) => ({ type: "text", ...q }));
  // Left empty, the required instants say what they must be, not only that they are missing.
  return { audience: "public", startsAt: "", endsAt: "", ...input, questions } as unknown as EventInput;
}
