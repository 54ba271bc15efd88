export const surveys = {
  "error.survey-closed": "このアンケートは現在回答を受け付けていません。",
  "error.survey-answered": "この招待リンクからは既に回答済みです。",
  "field.survey-cross-by": "クロス集計の軸には単一選択の設問を選んでください。",
  "field.survey-definition": "SurveyJS の JSON として読み取れません。",
  "field.survey-question-name": "設問名は英数字・ハイフン・アンダースコアで入力してください。",
  "field.survey-question-type": "この設問形式（{type}）には対応していません。",
  "field.survey-question-duplicate": "設問名が重複しています。",
  "field.survey-choices-empty": "選択肢がありません。",
  "field.survey-no-questions": "設問がありません。",
  "field.survey-dates-order": "終了日時は開始日時より後にしてください。",
} as const;
