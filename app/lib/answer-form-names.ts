/**
 * Field names of the survey answering form (app/routes/s.$id.tsx draws it, s.answer-form.server.ts
 * reads it back): matrix radios are named `<question>::<row>`.
 */
export const MATRIX_SEPARATOR = "::";
