/**
 * The staff-friendly editor's one entry point: add, change, move or remove a question of a
 * survey's SurveyJS JSON. Conditions come from pickers (question, operator, values) and are
 * written as SurveyJS expressions; an expression typed by hand is accepted as well.
 */
import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { parseDefinition, questionTypes, type SurveyDefinition } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";

const code = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.+-]+$/, "field.survey-question-name");

/** Choices typed one per line as `value | 日本語 | English` (English optional). */
const optionLines = z
  .string()
  .max(20_000)
  .default("")
  .transform((text, ctx) => {
    const options = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const [value = "", ja = "", en = ""] = line.split("|").map((p) => p.trim());
        return { value, text: { ja: ja || value, en: en || ja || value } };
      });
    if (options.some((o) => !/^[A-Za-z0-9_.+-]+$/.test(o.value)))
      ctx.addIssue({ code: "custom", message: "field.survey-choice-code" });
    if (new Set(options.map((o) => o.value)).size !== options.length)
      ctx.addIssue({ code: "custom", message: "field.survey-choice-duplicate" });
    return options;
  });

export const conditionOperators = ["equals", "not-equals", "contains", "any-of"] as const;

const questionFields = z.object({
  name: code,
  type: z.enum(questionTypes),
  titleJa: z.string().trim().min(1).max(1000),
  titleEn: z.string().trim().max(1000).default(""),
  required: z.boolean().default(false),
  hasOther: z.boolean().default(false),
  choices: optionLines,
  rows: optionLines,
  columns: optionLines,
  page: z.coerce.number().int().min(1).max(100).default(1),
  conditionQuestion: z.string().trim().max(100).default(""),
  conditionRow: z.string().trim().max(100).default(""),
  conditionOperator: z.enum(conditionOperators).default("equals"),
  conditionValues: z.string().trim().max(1000).default(""),
  expression: z.string().trim().max(2000).default(""),
});

export const editQuestionSchema = z.discriminatedUnion("intent", [
  questionFields.extend({ intent: z.literal("add") }),
  questionFields.extend({ intent: z.literal("update"), original: code }),
  z.object({ intent: z.literal("move"), name: code, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("remove"), name: code }),
]);
export type EditQuestionInput = z.input<typeof editQuestionSchema>;

/** The picker's choice as a SurveyJS expression: `{q10} contains 'never'`, `{q6.backup} anyof ['done']`. */
export function conditionExpression(c: {
  conditionQuestion: string;
  conditionRow: string;
  conditionOperator: (typeof conditionOperators)[number];
  conditionValues: string;
  expression: string;
}): string | undefined {
  if (c.expression) return c.expression;
  if (!c.conditionQuestion) return undefined;
  const values = c.conditionValues
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map((v) => `'${v.replace(/'/g, "")}'`);
  if (!values.length)
    throw new AppError("validation-failed", { fields: [{ field: "conditionValues", code: "required" }] });
  const variable = `{${c.conditionQuestion}${c.conditionRow ? `.${c.conditionRow}` : ""}}`;
  switch (c.conditionOperator) {
    case "equals":
      return `${variable} = ${values[0]}`;
    case "not-equals":
      return `${variable} != ${values[0]}`;
    case "contains":
      return `${variable} contains ${values[0]}`;
    case "any-of":
      return `${variable} anyof [${values.join(", ")}]`;
  }
}

type Element = Record<string, unknown> & { name: string };

function elementOf(data: z.output<typeof questionFields>): Element {
  const title = { ja: data.titleJa, en: data.titleEn || data.titleJa };
  const visibleIf = conditionExpression(data);
  const element: Element = {
    type: data.type,
    name: data.name,
    title,
    ...(data.required ? { isRequired: true } : {}),
    ...(visibleIf ? { visibleIf } : {}),
  };
  if (["radiogroup", "dropdown", "checkbox"].includes(data.type)) {
    element.choices = data.choices;
    if (data.hasOther) Object.assign(element, { showOtherItem: true, otherText: { ja: "その他", en: "Other" } });
  }
  if (data.type === "matrix")
    Object.assign(element, {
      rows: data.rows,
      columns: data.columns,
      ...(data.required ? { isAllRowRequired: true } : {}),
    });
  return element;
}

function applyEdit(definition: SurveyDefinition, edit: z.output<typeof editQuestionSchema>): SurveyDefinition {
  const pages = (definition.pages ?? []).map((p) => ({ ...p, elements: [...p.elements] as Element[] }));
  const locate = (name: string) => {
    for (let p = 0; p < pages.length; p++) {
      const i = pages[p]!.elements.findIndex((e) => e.name === name);
      if (i >= 0) return { p, i };
    }
    throw new AppError("not-found");
  };
  const place = (element: Element, page: number) => {
    while (pages.length < page) pages.push({ name: `page${pages.length + 1}`, elements: [] });
    pages[page - 1]!.elements.push(element);
  };
  switch (edit.intent) {
    case "add":
      place(elementOf(edit), edit.page);
      break;
    case "update": {
      const at = locate(edit.original);
      const previous = pages[at.p]!.elements[at.i]!;
      const next = { ...previous, ...elementOf(edit) };
      for (const key of ["visibleIf", "isRequired", "isAllRowRequired", "showOtherItem"])
        if (!(key in elementOf(edit))) delete next[key];
      if (edit.page === at.p + 1) pages[at.p]!.elements[at.i] = next;
      else {
        pages[at.p]!.elements.splice(at.i, 1);
        place(next, edit.page);
      }
      break;
    }
    case "move": {
      const at = locate(edit.name);
      const list = pages[at.p]!.elements;
      const target = edit.direction === "up" ? at.i - 1 : at.i + 1;
      const [element] = list.splice(at.i, 1);
      if (target >= 0 && target <= list.length) list.splice(target, 0, element!);
      else if (edit.direction === "up" && at.p > 0) pages[at.p - 1]!.elements.push(element!);
      else if (edit.direction === "down" && at.p < pages.length - 1) pages[at.p + 1]!.elements.unshift(element!);
      else list.splice(at.i, 0, element!);
      break;
    }
    case "remove": {
      const at = locate(edit.name);
      pages[at.p]!.elements.splice(at.i, 1);
      break;
    }
  }
  return { ...definition, pages: pages.filter((p, i) => p.elements.length || i === 0) };
}

export async function editSurveyQuestion(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  input: EditQuestionInput,
): Promise<void> {
  requireSecretariat(actor);
  const edit = parseInput(editQuestionSchema, input);
  const survey = await findSurvey(deps.db, surveyId);
  const next = applyEdit(survey.definition, edit);
  if (
    edit.intent === "add" &&
    (survey.definition.pages ?? []).some((p) => p.elements.some((e) => (e as Element).name === edit.name))
  ) {
    throw new AppError("validation-failed", {
      fields: [{ field: "name", code: "survey-question-duplicate", params: { question: edit.name } }],
    });
  }
  const hasQuestions = (next.pages ?? []).some((p) => p.elements.length);
  if (hasQuestions) parseDefinition(next);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("surveys")
      .set({
        definition_json: JSON.stringify(next),
        updated_at: deps.clock.now().toISOString(),
        // A survey without questions cannot be answered: back to draft.
        ...(hasQuestions ? {} : { status: "draft" }),
      })
      .where("id", "=", survey.id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: `survey.question-${edit.intent}` as const,
      entityType: "survey",
      entityId: survey.id,
      after: { name: edit.name },
    });
  });
}
