/**
 * The JSON API's table: every endpoint, in one list. server/api-router.ts routes requests by it
 * and app/api/openapi.ts describes it, so an endpoint cannot be served without being documented
 * or documented without being served. A new endpoint module is added here.
 */
import type { Endpoint } from "./endpoint.ts";
import { endpoints as surveysIdMapping } from "./surveys.id.mapping.ts";
import { endpoints as surveysIdCanonicalResults } from "./surveys.id.canonical-results.ts";
import { endpoints as programmes } from "./programmes.ts";
import { endpoints as postureImports } from "./posture-imports.ts";
import { endpoints as postureImportsCommit } from "./posture-imports.commit.ts";
import { endpoints as activitiesId } from "./activities.id.ts";
import { endpoints as activities } from "./activities.ts";
import { endpoints as agreementsIdAttachmentsAttachmentId } from "./agreements.id.attachments.attachmentId.ts";
import { endpoints as agreementsIdAttachments } from "./agreements.id.attachments.ts";
import { endpoints as agreementsId } from "./agreements.id.ts";
import { endpoints as agreements } from "./agreements.ts";
import { endpoints as eventsIdAttendancePreview } from "./events.id.attendance.preview.ts";
import { endpoints as eventsIdAttendance } from "./events.id.attendance.ts";
import { endpoints as eventsIdCheckins } from "./events.id.checkins.ts";
import { endpoints as eventsIdGuests } from "./events.id.guests.ts";
import { endpoints as eventsIdRegistrations } from "./events.id.registrations.ts";
import { endpoints as eventsIdSeatTypesKey } from "./events.id.seat-types.key.ts";
import { endpoints as events } from "./events.ts";
import { endpoints as groupsId } from "./groups.id.ts";
import { endpoints as groups } from "./groups.ts";
import { endpoints as mailingsIdApprove } from "./mailings.id.approve.ts";
import { endpoints as mailingsIdCancel } from "./mailings.id.cancel.ts";
import { endpoints as mailingsIdRecipients } from "./mailings.id.recipients.ts";
import { endpoints as mailingsIdSubmit } from "./mailings.id.submit.ts";
import { endpoints as mailingsId } from "./mailings.id.ts";
import { endpoints as mailings } from "./mailings.ts";
import { endpoints as materialsConsentToken } from "./materials.consent.token.ts";
import { endpoints as me } from "./me.ts";
import { endpoints as meetingsDecisionsId } from "./meetings.decisions.id.ts";
import { endpoints as meetingsDecisions } from "./meetings.decisions.ts";
import { endpoints as meetingsId } from "./meetings.id.ts";
import { endpoints as meetings } from "./meetings.ts";
import { endpoints as organisationsIdPosture } from "./organisations.id.posture.ts";
import { endpoints as organisationsId } from "./organisations.id.ts";
import { endpoints as organisationsMerge } from "./organisations.merge.ts";
import { endpoints as organisations } from "./organisations.ts";
import { endpoints as peopleIdAccount } from "./people.id.account.ts";
import { endpoints as peopleIdErase } from "./people.id.erase.ts";
import { endpoints as peopleIdExport } from "./people.id.export.ts";
import { endpoints as peopleId } from "./people.id.ts";
import { endpoints as people } from "./people.ts";
import { endpoints as communityShares } from "./community-shares.ts";
import { endpoints as postsId } from "./posts.id.ts";
import { endpoints as posts } from "./posts.ts";
import { endpoints as registrationsIdCancel } from "./registrations.id.cancel.ts";
import { endpoints as registrationsIdMove } from "./registrations.id.move.ts";
import { endpoints as registrationsIdRole } from "./registrations.id.role.ts";
import { endpoints as registryImportsConfirm } from "./registry-imports.confirm.ts";
import { endpoints as registryImports } from "./registry-imports.ts";
import { endpoints as reportsFy } from "./reports.fy.ts";
import { endpoints as surveysIdImports } from "./surveys.id.imports.ts";
import { endpoints as surveysIdResponses } from "./surveys.id.responses.ts";
import { endpoints as surveysIdResults } from "./surveys.id.results.ts";
import { endpoints as surveysIdTextReviews } from "./surveys.id.text-reviews.ts";
import { endpoints as surveys } from "./surveys.ts";

export const apiEndpoints: readonly Endpoint[] = [
  ...surveysIdMapping,
  ...surveysIdCanonicalResults,
  ...programmes,
  ...postureImports,
  ...postureImportsCommit,
  ...activitiesId,
  ...activities,
  ...agreementsIdAttachmentsAttachmentId,
  ...agreementsIdAttachments,
  ...agreementsId,
  ...agreements,
  ...eventsIdAttendancePreview,
  ...eventsIdAttendance,
  ...eventsIdCheckins,
  ...eventsIdGuests,
  ...eventsIdRegistrations,
  ...eventsIdSeatTypesKey,
  ...events,
  ...groupsId,
  ...groups,
  ...mailingsIdApprove,
  ...mailingsIdCancel,
  ...mailingsIdRecipients,
  ...mailingsIdSubmit,
  ...mailingsId,
  ...mailings,
  ...materialsConsentToken,
  ...me,
  ...meetingsDecisionsId,
  ...meetingsDecisions,
  ...meetingsId,
  ...meetings,
  ...organisationsIdPosture,
  ...organisationsId,
  ...organisationsMerge,
  ...organisations,
  ...peopleIdAccount,
  ...peopleIdErase,
  ...peopleIdExport,
  ...peopleId,
  ...people,
  ...communityShares,
  ...postsId,
  ...posts,
  ...registrationsIdCancel,
  ...registrationsIdMove,
  ...registrationsIdRole,
  ...registryImportsConfirm,
  ...registryImports,
  ...reportsFy,
  ...surveysIdImports,
  ...surveysIdResponses,
  ...surveysIdResults,
  ...surveysIdTextReviews,
  ...surveys,
];
