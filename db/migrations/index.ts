import type { Migration } from "kysely/migration";
import * as foundation from "./0001-foundation.ts";
import * as accountsSecondFactor from "./0002-accounts-second-factor.ts";
import * as community from "./0100-community.ts";
import * as organisationPosture from "./0110-organisation-posture.ts";
import * as organisationSelfCheck from "./0115-organisation-self-check.ts";
import * as postureImports from "./0120-posture-imports.ts";
import * as events from "./0200-events.ts";
import * as eventsSeatIndex from "./0201-events-seat-index.ts";
import * as eventsAttendanceImport from "./0202-events-attendance-import.ts";
import * as seatEligibilityAndRoles from "./0205-seat-eligibility-and-roles.ts";
import * as surveys from "./0300-surveys.ts";
import * as surveyTallies from "./0301-survey-tallies.ts";
import * as surveyTextReviews from "./0302-survey-text-reviews.ts";
import * as surveyResumePage from "./0303-survey-resume-page.ts";
import * as surveyResponseValidity from "./0310-survey-response-validity.ts";
import * as surveyQuestionMapping from "./0330-survey-question-mapping.ts";
import * as sharing from "./0400-sharing.ts";
import * as feedSafety from "./0409-feed-safety.ts";
import * as mailingsHumanApprovers from "./0410-mailings-human-approvers.ts";
import * as feedGaps from "./0411-feed-gaps.ts";
import * as personAccountLink from "./0412-person-account-link.ts";
import * as consentRightsMedia from "./0413-consent-rights-media.ts";
import * as registrationLocale from "./0420-registration-locale.ts";
import * as mailingLanguages from "./0421-mailing-languages.ts";
import * as reports from "./0500-reports.ts";
import * as privacy from "./0600-privacy.ts";
import * as communities from "./0700-communities.ts";
import * as programmes from "./0710-programmes.ts";
import * as communityShares from "./0720-community-shares.ts";
import * as corporateLinksAndProgrammeAudit from "./0730-corporate-links-and-programme-audit.ts";
import * as surveyAnswerPatterns from "./0740-survey-answer-patterns.ts";

/** Every migration, in order. Names never change once released. */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-accounts-second-factor": accountsSecondFactor,
  "0100-community": community,
  "0110-organisation-posture": organisationPosture,
  "0115-organisation-self-check": organisationSelfCheck,
  "0120-posture-imports": postureImports,
  "0200-events": events,
  "0201-events-seat-index": eventsSeatIndex,
  "0202-events-attendance-import": eventsAttendanceImport,
  "0205-seat-eligibility-and-roles": seatEligibilityAndRoles,
  "0300-surveys": surveys,
  "0301-survey-tallies": surveyTallies,
  "0302-survey-text-reviews": surveyTextReviews,
  "0303-survey-resume-page": surveyResumePage,
  "0310-survey-response-validity": surveyResponseValidity,
  "0330-survey-question-mapping": surveyQuestionMapping,
  "0400-sharing": sharing,
  "0409-feed-safety": feedSafety,
  "0410-mailings-human-approvers": mailingsHumanApprovers,
  "0411-feed-gaps": feedGaps,
  "0412-person-account-link": personAccountLink,
  "0413-consent-rights-media": consentRightsMedia,
  "0420-registration-locale": registrationLocale,
  "0421-mailing-languages": mailingLanguages,
  "0500-reports": reports,
  "0600-privacy": privacy,
  "0700-communities": communities,
  "0710-programmes": programmes,
  "0720-community-shares": communityShares,
  "0730-corporate-links-and-programme-audit": corporateLinksAndProgrammeAudit,
  "0740-survey-answer-patterns": surveyAnswerPatterns,
};
