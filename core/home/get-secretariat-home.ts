import { fiscalYearOf } from "../../i18n/dates.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { listInvitations } from "../accounts/list-invitations.ts";
import { listDecisions } from "../community/list-decisions.ts";
import { listMembersWithoutContact } from "../community/list-members-without-contact.ts";
import { listEventsWithoutFeedback } from "../events/list-events-without-feedback.ts";
import type { SeatTypeView } from "../events/event-records.ts";
import { getEvent } from "../events/get-event.ts";
import { listEvents } from "../events/list-events.ts";
import {
  type CorporateLinkProposal,
  listCorporateLinkProposals,
} from "../corporate-links/list-corporate-link-proposals.ts";
import { listOutboxMessages } from "../mail/list-outbox-messages.ts";
import { listMailings } from "../mailings/list-mailings.ts";
import { isOverdue } from "../mailings/mailing-phase.ts";
import { assembleAnnualReport } from "../reports/assemble-annual-report.ts";
import { walkBlocks } from "../reports/report-model.ts";
import { listMaterials } from "../sharing/list-materials.ts";
import { listPosts } from "../sharing/list-posts.ts";
import { loadViewer } from "../sharing/load-viewer.ts";
import { getSurveyOverview } from "../surveys/get-survey-overview.ts";
import { listSurveys } from "../surveys/list-surveys.ts";
import { listSurveysAwaitingReview } from "../surveys/list-surveys-awaiting-review.ts";
import type { HomeDeps } from "./deps.ts";

/** A list on the home page: the first few items and how many there are in all. */
export interface HomeList<T> {
  items: T[];
  total: number;
}

export interface SecretariatHome {
  events: HomeList<{
    id: string;
    title: string;
    startsAt: string;
    seats: Pick<SeatTypeView, "key" | "label" | "capacity" | "confirmed" | "waitlisted">[];
  }>;
  surveys: HomeList<{ id: string; title: string; responses: number; invited: number; completedInvitations: number }>;
  mailingsAwaitingApproval: HomeList<{ id: string; subject: string; requestedBy: string | null }>;
  consentsPending: HomeList<{ id: string; title: string; speakerName: string }>;
  failedMail: HomeList<{ id: string; to: string; subject: string; lastError: string | null }>;
  feedDrafts: HomeList<{ id: string; title: string; sourceOrganisation: string | null }>;
  decisionsDue: HomeList<{ id: string; text: string; meetingId: string; meetingTitle: string; dueOn: string | null }>;
  report: { fiscalYear: number; label: string; missing: string[] };
  /** Approved mailings whose time passed long ago: they wait for a person to confirm or cancel them. */
  overdueMailings: HomeList<{ id: string; subject: string; scheduledAt: string }>;
  /** Seminars that ended with no feedback survey. */
  eventsWithoutFeedback: HomeList<{ id: string; title: string; endsAt: string }>;
  /** Closed surveys whose free-text answers are not all reviewed, so their comments are in no report. */
  surveysAwaitingReview: HomeList<{ id: string; title: string; closesAt: string | null; unreviewed: number }>;
  /** Invitations that expired unanswered, with no later invitation to the same address. */
  expiredInvitations: HomeList<{ id: string; name: string; email: string; expiresAt: string }>;
  /** Member organisations with no person who has an address. */
  membersWithoutContact: HomeList<{ id: string; name: string }>;
  /** Other communities' proposals that an organisation here is the same company (法人番号), waiting for consent. */
  corporateLinkProposals: HomeList<CorporateLinkProposal>;
}

const first = <T>(items: T[], limit: number): HomeList<T> => ({ items: items.slice(0, limit), total: items.length });

/**
 * The secretariat's home page: what needs doing, each list from the capability that owns it
 * (their list and get functions, never a query of its own), the first `limit` of each with the
 * count of all. The report's gaps are its "missing" blocks (docs/annual-report.md).
 */
export async function getSecretariatHome(deps: HomeDeps, actor: Actor, limit = 5): Promise<SecretariatHome> {
  requireSecretariat(actor);
  const now = deps.clock.now();
  const fiscalYear = fiscalYearOf(now);
  const viewer = await loadViewer(deps.db, actor);
  const [events, surveys, mailings, materials, failed, posts, decisions, report] = await Promise.all([
    listEvents(deps.db, actor, now),
    listSurveys(deps, actor, { limit: 200 }),
    listMailings(deps.db, actor, { status: "awaiting-approval", limit }),
    listMaterials(deps.db, viewer),
    listOutboxMessages(deps.db, actor, { status: "failed", limit }),
    listPosts(deps.db, viewer, { limit: 200 }),
    listDecisions(deps, actor, { status: "open", limit }),
    assembleAnnualReport(deps, actor, { fiscalYear }),
  ]);
  const [approved, endedEvents, awaitingReview, invitations, withoutContact, linkProposals] = await Promise.all([
    listMailings(deps.db, actor, { status: "approved", limit: 200 }),
    listEventsWithoutFeedback(deps.db, actor, now),
    listSurveysAwaitingReview(deps, actor),
    listInvitations(deps, actor),
    listMembersWithoutContact(deps.db, actor),
    deps.corporateLinks ? listCorporateLinkProposals(deps.corporateLinks, actor) : [],
  ]);
  // An expired invitation matters until the address is invited again (or has accepted another).
  const expired = invitations.filter(
    (i) =>
      i.state === "expired" &&
      !invitations.some((other) => other.email === i.email && other.id !== i.id && other.createdAt > i.createdAt),
  );
  const upcoming = first(events.upcoming, limit);
  const openSurveys = first(
    surveys.items.filter((s) => s.accepting),
    limit,
  );
  const [eventViews, surveyViews] = await Promise.all([
    Promise.all(upcoming.items.map((e) => getEvent(deps.db, actor, e.id))),
    Promise.all(openSurveys.items.map((s) => getSurveyOverview(deps, actor, s.id))),
  ]);
  const missing: string[] = [];
  for (const { block } of walkBlocks(report.sections)) if (block.kind === "missing") missing.push(block.text);
  return {
    events: {
      total: upcoming.total,
      items: eventViews.map((e) => ({
        id: e.id,
        title: e.title,
        startsAt: e.startsAt,
        seats: e.seatTypes.map(({ key, label, capacity, confirmed, waitlisted }) => ({
          key,
          label,
          capacity,
          confirmed,
          waitlisted,
        })),
      })),
    },
    surveys: {
      total: openSurveys.total,
      items: surveyViews.map((s) => ({
        id: s.id,
        title: s.title,
        responses: s.responses.complete,
        invited: s.invitations.invited,
        completedInvitations: s.invitations.completed,
      })),
    },
    mailingsAwaitingApproval: {
      total: mailings.total,
      items: mailings.items.map((m) => ({ id: m.id, subject: m.subject, requestedBy: m.requestedBy })),
    },
    consentsPending: first(
      materials
        .filter((m) => m.consentState === "pending")
        .map((m) => ({ id: m.id, title: m.title, speakerName: m.speakerName })),
      limit,
    ),
    failedMail: {
      total: failed.total,
      items: failed.items.map((m) => ({ id: m.id, to: m.to, subject: m.subject, lastError: m.lastError })),
    },
    feedDrafts: first(
      posts.items
        .filter((p) => p.status === "draft")
        .map((p) => ({ id: p.id, title: p.title, sourceOrganisation: p.sourceOrganisation })),
      limit,
    ),
    decisionsDue: {
      total: decisions.total,
      items: decisions.items.map((d) => ({
        id: d.id,
        text: d.text,
        meetingId: d.meetingId,
        meetingTitle: d.meetingTitle,
        dueOn: d.dueOn,
      })),
    },
    report: { fiscalYear, label: report.fiscalYearLabel, missing },
    overdueMailings: first(
      approved.items
        .filter((m) => isOverdue(m, now))
        .map((m) => ({ id: m.id, subject: m.subject, scheduledAt: m.scheduledAt! })),
      limit,
    ),
    eventsWithoutFeedback: first(endedEvents, limit),
    surveysAwaitingReview: first(awaitingReview, limit),
    expiredInvitations: first(
      expired.map((i) => ({ id: i.id, name: i.name, email: i.email, expiresAt: i.expiresAt })),
      limit,
    ),
    membersWithoutContact: first(withoutContact, limit),
    corporateLinkProposals: first(linkProposals, limit),
  };
}
