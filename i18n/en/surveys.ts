import type { surveys as ja } from "../ja/surveys.ts";

export const surveys: Record<keyof typeof ja, string> = {
  "error.survey-closed": "This survey is not accepting answers now.",
  "error.survey-answered": "This invitation link has already been used to answer.",
  "field.survey-cross-by": "Break down by a single-choice question.",
  "field.survey-definition": "This cannot be read as SurveyJS JSON.",
  "field.survey-question-name": "Use letters, digits, hyphens and underscores for question names.",
  "field.survey-question-type": "This question type ({type}) is not supported.",
  "field.survey-question-duplicate": "Two questions have the same name.",
  "field.survey-choices-empty": "There are no choices.",
  "field.survey-no-questions": "There are no questions.",
  "field.survey-dates-order": "The closing time must be after the opening time.",
};
