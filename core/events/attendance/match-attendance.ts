import { type AttendanceParticipant, normaliseName } from "./participant.ts";

/** A live registration as matching sees it. */
export interface MatchableRegistration {
  id: string;
  name: string;
  email: string;
  attendedOnline: boolean;
  walkIn: boolean;
}

export type MatchOutcome = "matched" | "ambiguous" | "unmatched";

export interface MatchedParticipant extends AttendanceParticipant {
  outcome: MatchOutcome;
  /** How it matched: by e-mail first, else by the normalised name. */
  by: "email" | "name" | null;
  /** The registration matched, when exactly one was. */
  registrationId: string | null;
  /** Registrations the name fits when more than one does (the secretariat picks one). */
  candidates: string[];
  /** At least the minimum time (a report without times counts everyone as attended). */
  longEnough: boolean;
}

/**
 * Participants against the event's registrations (docs/attendance-import.md): an e-mail equal
 * in any case decides; else a name equal after `normaliseName` (the shown name, or Zoom's
 * original name); two registrations with that name make the row ambiguous; none, unmatched.
 * Pure: nothing is read or written here.
 */
export function matchAttendance(
  participants: readonly AttendanceParticipant[],
  registrations: readonly MatchableRegistration[],
  minimumMinutes: number,
): MatchedParticipant[] {
  const byEmail = new Map(registrations.map((r) => [r.email.toLowerCase(), r]));
  const byName = new Map<string, MatchableRegistration[]>();
  for (const r of registrations) {
    const key = normaliseName(r.name);
    if (key) byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  return participants.map((p) => {
    const longEnough = p.seconds === null || p.seconds >= minimumMinutes * 60;
    const email = p.email ? byEmail.get(p.email) : undefined;
    if (email) return { ...p, outcome: "matched", by: "email", registrationId: email.id, candidates: [], longEnough };
    const found = new Map<string, MatchableRegistration>();
    for (const n of [p.name, ...p.otherNames]) for (const r of byName.get(normaliseName(n)) ?? []) found.set(r.id, r);
    const candidates = [...found.keys()];
    if (candidates.length === 1)
      return { ...p, outcome: "matched", by: "name", registrationId: candidates[0]!, candidates: [], longEnough };
    return {
      ...p,
      outcome: candidates.length > 1 ? "ambiguous" : "unmatched",
      by: null,
      registrationId: null,
      candidates,
      longEnough,
    };
  });
}
