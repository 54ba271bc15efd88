/** Table types of surveys (migration 0300-surveys). */

export interface SurveyTable {
  id: string;
  title: string;
  /** `regional-standard`, `talk-feedback`, or null for a survey built from scratch / imported */
  template: string | null;
  /** SurveyJS JSON */
  definition_json: string;
  event_id: string | null;
  /** public | invitation */
  access: string;
  opens_at: string | null;
  closes_at: string | null;
  /** draft | open | closed */
  status: string;
  created_at: string;
  updated_at: string;
}

/**
 * One answer set. Deliberately has no link to who answered: an invitation is tracked apart from
 * the answers (see docs/survey-counting.md). `resume_hash` is sha256 of a resume secret that only
 * the respondent holds (a cookie, or their invitation token), never the invitation's own hash.
 */
export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  /** SurveyJS data shape */
  answers_json: string;
  /** partial | complete */
  status: string;
  /** web | api | import | demo */
  source: string;
  resume_hash: string | null;
  /** A partial response: the index of the page answering resumes at. */
  resume_page: number | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** set when the secretariat marked the response invalid (not counted anywhere) */
  excluded_at: string | null;
  /** duplicate | test | out-of-scope | other */
  excluded_reason: string | null;
  excluded_note: string | null;
  /** the account that marked it */
  excluded_by: string | null;
}

export interface SurveyInvitationTable {
  id: string;
  survey_id: string;
  email: string;
  person_id: string | null;
  organisation_id: string | null;
  token_hash: string;
  /** invited | started | completed */
  state: string;
  invited_at: string;
  /** The day only (YYYY-MM-DD): an exact instant could be matched to a response's time. */
  completed_at: string | null;
  reminded_at: string | null;
  reminder_count: number;
}

/** Running counts of complete responses (migration 0301): `value` `#base` counts who answered. */
export interface SurveyTallyTable {
  survey_id: string;
  question: string;
  /** the matrix row, or "" */
  row_key: string;
  value: string;
  count: number;
}

/** Counted answer patterns (migration 0740, core/surveys/answer-patterns.ts). */
export interface SurveyAnswerPatternTable {
  survey_id: string;
  /** the question's name, or `#responses` (one pattern: the survey's valid responses) */
  question: string;
  /** sha256 of value_json */
  value_key: string;
  value_json: string;
  count: number;
}

export interface SurveyResponseTextTable {
  id: string;
  response_id: string;
  survey_id: string;
  /** other | text */
  kind: string;
  question: string;
  text: string;
}

/** The secretariat's review of a free text before views for sharing show it. */
export interface SurveyTextReviewTable {
  response_id: string;
  survey_id: string;
  question: string;
  /** other | text */
  kind: string;
  /** approved | redacted | hidden */
  decision: string;
  shared_text: string | null;
  reviewed_by: string | null;
  reviewed_at: string;
}

/** A survey question mapped to the question bank (migration 0330); absent: the automatic mapping. */
export interface SurveyQuestionMappingTable {
  survey_id: string;
  question: string;
  /** canonical question code, or null: maps to none */
  canonical: string | null;
  /** `{ choices, rows, columns }`: survey value → canonical code or null */
  map_json: string;
  updated_by: string | null;
  updated_at: string;
}

export interface SurveyTables {
  surveys: SurveyTable;
  survey_responses: SurveyResponseTable;
  survey_invitations: SurveyInvitationTable;
  survey_tallies: SurveyTallyTable;
  survey_answer_patterns: SurveyAnswerPatternTable;
  survey_response_texts: SurveyResponseTextTable;
  survey_text_reviews: SurveyTextReviewTable;
  survey_question_mappings: SurveyQuestionMappingTable;
}
