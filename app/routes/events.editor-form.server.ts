/**
 * The event editor's form ⇄ the core's EventInput. Field names are the input's paths
 * (`seatTypes.0.capacity`, `sessions.1.speakers.0.name`), so core's field errors land beside
 * the right inputs. Rows left entirely blank (the spare rows a no-JS form offers) are dropped.
 */
import type { EventInput } from "#core/events/event-input.ts";
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

function rows(values: Record<string, string>, prefix: string): number[] {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.`);
  for (const [key, value] of Object.entries(values)) {
    const m = pattern.exec(key);
    if (m && value.trim() !== "" && !key.endsWith(".waitlist") && !key.endsWith(".required")) indexes.add(Number(m[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

const text = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);

export function formToEventInput(form: FormData): EventInput {
  const v: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") v[key] = value;
  // A blank row between filled ones is skipped, which shifts the error paths of later rows by
  // one; forms are filled top down, so in practice they line up.
  return {
    title: v.title ?? "",
    theme: text(v.theme),
    description: text(v.description),
    audience: (v.audience as "public" | "members") ?? "public",
    startsAt: v.startsAt ?? "",
    endsAt: v.endsAt ?? "",
    receptionAt: text(v.receptionAt),
    venueName: text(v.venueName),
    venueRoom: text(v.venueRoom),
    venueAddress: text(v.venueAddress),
    venuePhone: text(v.venuePhone),
    onlineTool: text(v.onlineTool),
    onlineJoinUrl: text(v.onlineJoinUrl),
    feeText: text(v.feeText),
    organiser: text(v.organiser),
    coOrganisers: text(v.coOrganisers),
    registrationOpensAt: text(v.registrationOpensAt),
    registrationClosesAt: text(v.registrationClosesAt),
    consentText: text(v.consentText),
    seatTypes: rows(v, "seatTypes").map((i) => ({
      key: v[`seatTypes.${i}.key`] ?? "",
      label: v[`seatTypes.${i}.label`] ?? "",
      capacity: (text(v[`seatTypes.${i}.capacity`]) ?? undefined) as unknown as number,
      waitlist: v[`seatTypes.${i}.waitlist`] === "on",
    })),
    sessions: rows(v, "sessions").map((i) => ({
      title: v[`sessions.${i}.title`] ?? "",
      startsAt: text(v[`sessions.${i}.startsAt`]),
      endsAt: text(v[`sessions.${i}.endsAt`]),
      abstract: text(v[`sessions.${i}.abstract`]),
      speakers: rows(v, `sessions.${i}.speakers`).map((j) => {
        const p = (k: string) => text(v[`sessions.${i}.speakers.${j}.${k}`]);
        return {
          name: p("name") ?? "",
          reading: p("reading"),
          title: p("title"),
          affiliation: p("affiliation"),
          profile: p("profile"),
        };
      }),
    })),
    questions: rows(v, "questions").map((i) => ({
      key: v[`questions.${i}.key`] ?? "",
      label: v[`questions.${i}.label`] ?? "",
      type: "text" as const,
      required: v[`questions.${i}.required`] === "on",
    })),
  };
}
