import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { translate } from "../../i18n/index.ts";
import { readCsv } from "../files/csv.ts";
import { describeLimit, fileLimits } from "../files/limits.ts";
import { decodeText } from "../files/text-encoding.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { type AnswerError, type Answers, checkAnswers } from "./check-answers.ts";
import { listQuestions, type Locale, type QuestionInfo } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { importTimeZones, isTimestampHeader, parseFormTimestamp } from "./form-timestamps.ts";
import { applyTally } from "./tallies.ts";

export const importResponsesSchema = z.object({
  /** the file's text (the CLI, the page's confirmation) … */
  content: z.string().min(1).max(fileLimits.fileBytes).optional(),
  /** … or the uploaded file's bytes, in any encoding core/files reads */
  file: z.instanceof(Uint8Array).optional(),
  format: z.enum(["csv", "json"]).optional(),
  /** false: only the mapping preview; true: store the valid rows. */
  commit: z.boolean().default(false),
  locale: z.enum(["ja", "en"]).default("ja"),
  /** the zone the file's タイムスタンプ / Timestamp column is written in (Google: the sheet's zone) */
  timeZone: z.enum(importTimeZones).default(importTimeZones[0]),
});
export type ImportResponsesInput = z.input<typeof importResponsesSchema>;

export interface ColumnMapping {
  column: number;
  header: string;
  question: string | null;
  row: string | null;
  /** the タイムスタンプ / Timestamp column: each answer's completion time */
  timestamp?: boolean;
}

export interface ImportReport {
  format: "csv" | "json";
  rows: number;
  mapping: ColumnMapping[];
  unmatched: { question: string; value: string; count: number }[];
  valid: number;
  invalid: { row: number; errors: AnswerError[] }[];
  imported: number;
  /** the zone the timestamps were read in, and the first and last completion time read (ISO, UTC) */
  timeZone: string;
  completedRange: { first: string; last: string } | null;
  /** the text that was read (decoded from the file's encoding): what the confirmation sends again */
  content: string;
}

// Windows decodes CP932's wave dash as ～ (NFKC: "~") where our labels have 〜: the same dash.
const normalise = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/\u301C/g, "~")
    .replace(/^\s*Q\d+\s*[.:：]?\s*/i, "")
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();

/**
 * A Google Forms header is the question's title, or "title [row]" for a grid; a title may span
 * several lines in the cell (the line breaks are part of the title, and are ignored when matching).
 */
export function mapHeader(questions: QuestionInfo[], header: string): { question: string | null; row: string | null } {
  const grid = /^([\s\S]*)\[([^\]]+)\]\s*$/.exec(header);
  const title = normalise(grid ? grid[1]! : header);
  if (!title) return { question: null, row: null };
  const q =
    questions.find((x) => normalise(x.title) === title) ??
    questions.find((x) => x.name.toLowerCase() === title) ??
    questions.find((x) => {
      const n = normalise(x.title);
      return Math.min(n.length, title.length) >= 8 && (n.startsWith(title) || title.startsWith(n));
    });
  if (!q) return { question: null, row: null };
  if (q.type !== "matrix") return grid ? { question: null, row: null } : { question: q.name, row: null };
  if (!grid) return { question: null, row: null };
  const row = q.rows.find((r) => normalise(r.label) === normalise(grid[2]!) || r.value === grid[2]!.trim());
  return { question: row ? q.name : null, row: row?.value ?? null };
}

function matchChoice(options: { value: string; label: string }[], text: string): string | undefined {
  const n = normalise(text);
  return options.find((o) => normalise(o.label) === n || o.value === text.trim())?.value;
}

/**
 * A checkbox cell: Google joins the chosen labels with ", ", and a label may itself hold ", "
 * ("はい, ときどき"). The longest run of parts that is one label wins; parts that are no label are
 * kept together, in order, as the "other" text they were typed as. A cell whose labels are joined
 * with ";" instead (as some downloads and hand-made sheets do) is read so when every part is a label.
 */
export function splitChoices(
  options: { value: string; label: string }[],
  raw: string,
): { chosen: string[]; others: string[] } {
  const byComma = splitChoicesOn(options, raw, /,\s+/, ", ");
  if (!byComma.others.length || !raw.includes(";")) return byComma;
  const bySemicolon = splitChoicesOn(options, raw, /\s*;\s*/, ";");
  return bySemicolon.others.length ? byComma : bySemicolon;
}

function splitChoicesOn(
  options: { value: string; label: string }[],
  raw: string,
  separator: RegExp,
  joiner: string,
): { chosen: string[]; others: string[] } {
  const parts = raw.split(separator);
  const chosen: string[] = [];
  const others: string[] = [];
  let pending: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let matched: { value: string; next: number } | null = null;
    for (let j = parts.length; j > i && !matched; j--) {
      const value = matchChoice(options, parts.slice(i, j).join(joiner));
      if (value) matched = { value, next: j };
    }
    if (matched) {
      if (pending.length) others.push(pending.join(joiner));
      pending = [];
      if (!chosen.includes(matched.value)) chosen.push(matched.value);
      i = matched.next;
    } else pending.push(parts[i++]!);
  }
  if (pending.length) others.push(pending.join(joiner));
  return { chosen, others };
}

interface CsvAnswers {
  mapping: ColumnMapping[];
  answers: Answers[];
  /** per row: the completion time (ISO), null when the file has no timestamp column, or an error */
  completedAt: (string | null | AnswerError)[];
}

function csvToAnswers(
  questions: QuestionInfo[],
  table: string[][],
  unmatched: Map<string, number>,
  options: { timeZone: string; locale: Locale },
): CsvAnswers {
  const [header = [], ...rows] = table;
  const mapping: ColumnMapping[] = header.map((h, column) => ({ column, header: h, ...mapHeader(questions, h) }));
  const stamp = mapping.find((m) => !m.question && isTimestampHeader(m.header));
  if (stamp) stamp.timestamp = true;
  const byName = new Map(questions.map((q) => [q.name, q]));
  const miss = (q: string, v: string) => unmatched.set(`${q}\u0000${v}`, (unmatched.get(`${q}\u0000${v}`) ?? 0) + 1);
  const answers = rows.map((cells) => {
    const a: Answers = {};
    for (const m of mapping) {
      const raw = (cells[m.column] ?? "").trim();
      const q = m.question ? byName.get(m.question)! : null;
      // A column per sub-answer of a ranking or an items question is not a Google Forms shape.
      if (!q || !raw || q.kind === "items" || q.type === "ranking") continue;
      if (q.type === "matrix") {
        const column = matchChoice(q.columns, raw);
        if (column) a[q.name] = { ...(a[q.name] as object), [m.row!]: column };
        else miss(q.name, raw);
      } else if (q.kind === "multiple") {
        const { chosen, others } = splitChoices(q.choices, raw);
        if (others.length && q.hasOther) {
          chosen.push("other");
          a[`${q.name}-Comment`] = others.join(", ");
        } else for (const o of others) miss(q.name, o);
        if (chosen.length) a[q.name] = chosen;
      } else if (q.kind === "text") {
        a[q.name] = raw;
      } else {
        const value = matchChoice(q.choices, raw);
        if (value) a[q.name] = q.type === "boolean" ? value === "true" : value;
        else if (q.hasOther) {
          a[q.name] = "other";
          a[`${q.name}-Comment`] = raw;
        } else miss(q.name, raw);
      }
    }
    return a;
  });
  const completedAt = rows.map((cells): string | null | AnswerError => {
    if (!stamp) return null;
    const raw = (cells[stamp.column] ?? "").trim();
    const at = raw ? parseFormTimestamp(raw, options.timeZone) : null;
    if (at) return at.toISOString();
    return {
      question: stamp.header,
      code: "survey-import-timestamp",
      message: translate(options.locale, "field.survey-import-timestamp", { value: raw }),
    };
  });
  return { mapping, answers, completedAt };
}

/**
 * Imports answers from a Google Forms CSV export (any encoding core/files reads; columns matched by question title, values by
 * choice label; unknown values of a question with "other" become its other text) or from a JSON
 * array in SurveyJS's data shape. Every row passes the same check as a web answer; the preview
 * (commit: false) shows the mapping and what would be refused, and nothing is stored.
 */
export async function importResponses(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  input: ImportResponsesInput,
): Promise<ImportReport> {
  requireSecretariat(actor);
  const data = parseInput(importResponsesSchema, input);
  const field = data.file ? "file" : "content";
  if (data.file && data.file.byteLength > fileLimits.fileBytes) {
    throw new AppError("validation-failed", {
      fields: [{ field, code: "file-too-large", params: { limit: describeLimit("fileBytes") } }],
    });
  }
  const content = data.file?.byteLength ? decodeText(data.file, field).text : (data.content ?? "");
  if (!content.trim()) throw new AppError("validation-failed", { fields: [{ field, code: "required" }] });
  const survey = await findSurvey(deps.db, surveyId);
  const questions = listQuestions(survey.definition, data.locale as Locale);
  const format = data.format ?? (/^\s*[[{]/.test(content) ? "json" : "csv");
  const unmatched = new Map<string, number>();
  let mapping: ColumnMapping[] = [];
  let answers: Answers[];
  let completedAt: (string | null | AnswerError)[] = [];
  // A CSV's rows are named as a spreadsheet shows them (the header is row 1); a JSON array's by position.
  let firstRow = 1;
  if (format === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed) || !parsed.every((a) => a && typeof a === "object" && !Array.isArray(a))) {
      throw new AppError("validation-failed", { fields: [{ field, code: "survey-import-json" }] });
    }
    answers = parsed as Answers[];
  } else {
    ({ mapping, answers, completedAt } = csvToAnswers(questions, readCsv(content, field).rows, unmatched, {
      timeZone: data.timeZone,
      locale: data.locale as Locale,
    }));
    firstRow = 2;
    if (!mapping.some((m) => m.question))
      throw new AppError("validation-failed", { fields: [{ field, code: "survey-import-no-columns" }] });
  }
  const now = deps.clock.now();
  const checked = answers.map((a, i) => {
    const result = checkAnswers(survey.definition, a, { locale: data.locale as Locale });
    const at = completedAt[i] ?? null;
    const errors = typeof at === "object" && at !== null ? [at, ...result.errors] : result.errors;
    if (typeof at === "string" && at > now.toISOString()) {
      errors.unshift({
        question: mapping.find((m) => m.timestamp)!.header,
        code: "survey-import-timestamp-future",
        message: translate(data.locale as Locale, "field.survey-import-timestamp-future"),
      });
    }
    return { row: i + firstRow, ...result, errors, completedAt: typeof at === "string" ? at : null };
  });
  const valid = checked.filter((c) => !c.errors.length);
  const times = valid.flatMap((v) => (v.completedAt ? [v.completedAt] : [])).sort();
  const report: ImportReport = {
    format,
    rows: answers.length,
    mapping,
    unmatched: [...unmatched].map(([key, count]) => {
      const [question, value] = key.split("\u0000");
      return { question: question!, value: value!, count };
    }),
    valid: valid.length,
    invalid: checked.filter((c) => c.errors.length).map((c) => ({ row: c.row, errors: c.errors })),
    imported: 0,
    timeZone: data.timeZone,
    completedRange: times.length ? { first: times[0]!, last: times.at(-1)! } : null,
    content,
  };
  if (!data.commit || !valid.length) return report;
  await deps.db.transaction().execute(async (trx) => {
    const at = deps.clock.now().toISOString();
    const all = listQuestions(survey.definition);
    for (const v of valid) {
      const id = newId(deps.clock.now().getTime());
      await trx
        .insertInto("survey_responses")
        .values({
          id,
          survey_id: survey.id,
          answers_json: JSON.stringify(v.data),
          status: "complete",
          source: "import",
          resume_hash: null,
          // The form's own completion time when the file has one; the import's time otherwise.
          created_at: v.completedAt ?? at,
          updated_at: at,
          completed_at: v.completedAt ?? at,
        })
        .execute();
      await applyTally(trx, survey.id, id, all, v.data, 1);
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey.import",
      entityType: "survey",
      entityId: survey.id,
      after: { format, imported: valid.length, refused: report.invalid.length, timeZone: data.timeZone },
    });
  });
  return { ...report, imported: valid.length };
}
