import type { ColumnType } from "kysely";
/** Table types of seminars (migration 0200-events). */

export interface EventTable {
  id: string;
  title: string;
  theme: string | null;
  description: string | null;
  /** public | members */
  audience: string;
  starts_at: string;
  ends_at: string;
  reception_at: string | null;
  venue_name: string | null;
  venue_room: string | null;
  venue_address: string | null;
  venue_phone: string | null;
  online_tool: string | null;
  /** Shown only to confirmed online registrants. */
  online_join_url: string | null;
  fee_text: string | null;
  organiser: string | null;
  co_organisers: string | null;
  registration_opens_at: string;
  registration_closes_at: string;
  /** published | cancelled */
  status: string;
  consent_text: string | null;
  /** [{ key, label, type: "text" | "textarea", required }] */
  questions_json: string;
  registration_sequence: number;
  feedback_survey_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventSeatTypeTable {
  id: string;
  event_id: string;
  key: string;
  label: string;
  capacity: number;
  waitlist: number;
  /** 1 when attendees join online (they get the join link instead of a venue ticket). */
  online: number;
  position: number;
  /** everyone | members | members-and-guests (core/events/seat-rules.ts); everyone when not given */
  eligibility: ColumnType<string, string | undefined, string>;
}

export interface EventSessionTable {
  id: string;
  event_id: string;
  position: number;
  starts_at: string | null;
  ends_at: string | null;
  title: string;
  abstract: string | null;
}

export interface EventSpeakerTable {
  id: string;
  session_id: string;
  position: number;
  name: string;
  reading: string | null;
  title: string | null;
  affiliation: string | null;
  organisation_id: string | null;
  email: string | null;
  profile: string | null;
}

export interface RegistrationTable {
  id: string;
  event_id: string;
  seat_type_key: string;
  /** confirmed | waitlisted | cancelled */
  status: string;
  name: string;
  /** lower case */
  email: string;
  organisation_id: string | null;
  organisation_name: string | null;
  sector: string | null;
  person_id: string | null;
  user_id: string | null;
  answers_json: string;
  /** Arrival order within the event; the waitlist is served in this order. */
  arrival_sequence: number;
  /** What the ticket QR carries; staff scan it at the door. */
  ticket_code: string;
  /** Hash of the registrant's own link (ticket page, cancel). */
  token_hash: string;
  checked_in_at: string | null;
  attended_online: number;
  /** Minutes in the online tool's report, all joins added up (null: not imported, or no times in it). */
  online_minutes: number | null;
  /** 1: attended online without registering, recorded from the report; counted as attended, not registered. */
  walk_in: number;
  reminded_at: string | null;
  /** ja | en: the language the registrant registered in; their mails use it (migration 0420). */
  locale: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  /** speaker | officer | press | staff | guest; null for a general participant (core/events/seat-rules.ts) */
  attendee_role: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EventPressCoverageTable {
  id: string;
  event_id: string;
  outlet: string;
  published_on: string | null;
  url: string | null;
  note: string | null;
  created_at: string;
}

/** A guest the secretariat invited by name: their personal link admits them to guest seat types. */
export interface EventGuestTable {
  id: string;
  event_id: string;
  /** lower case */
  email: string;
  name: string;
  attendee_role: string;
  created_at: string;
}

export interface EventTables {
  events: EventTable;
  event_seat_types: EventSeatTypeTable;
  event_sessions: EventSessionTable;
  event_speakers: EventSpeakerTable;
  registrations: RegistrationTable;
  event_press_coverage: EventPressCoverageTable;
  event_guests: EventGuestTable;
}
