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
import { applyEditorChanges, type Element, editorViews, extraFields } from "./editor-fields.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";

/** A question name, as an import allows it (spaces and Japanese too): no braces, `::` or line breaks. */
const questionName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => !/[{}\n\r\t]|::/.test(v) && !v.endsWith("-Comment"), "field.survey-question-name");

/** Choices typed one per line as `value | 日本語 | English` (English optional), read in editor-fields.ts. */
const optionLines = z.string().max(20_000);

export const conditionOperators = ["equals", "not-equals", "contains", "any-of"] as const;

// A field left off the form (undefined) keeps what the element has: only what the form shows changes.
const questionFields = z.object({
  name: questionName,
  type: z.string().trim().toLowerCase(),
  titleJa: z.string().trim().max(1000).default(""),
  titleEn: z.string().trim().max(1000).optional(),
  required: z.boolean().optional(),
  hasOther: z.boolean().optional(),
  choices: optionLines.optional(),
  rows: optionLines.optional(),
  columns: optionLines.optional(),
  items: optionLines.optional(),
  rateMin: z.string().trim().max(20).optional(),
  rateMax: z.string().trim().max(20).optional(),
  rateStep: z.string().trim().max(20).optional(),
  labelTrue: z.string().trim().max(1000).optional(),
  labelFalse: z.string().trim().max(1000).optional(),
  html: z.string().max(20_000).optional(),
  formula: z.string().trim().max(2000).optional(),
  page: z.coerce.number().int().min(1).max(100).optional(),
  conditionQuestion: z.string().trim().max(100).default(""),
  conditionRow: z.string().trim().max(100).default(""),
  conditionOperator: z.enum(conditionOperators).default("equals"),
  conditionValues: z.string().trim().max(1000).default(""),
  expression: z.string().trim().max(2000).optional(),
});

export const editQuestionSchema = z.discriminatedUnion("intent", [
  questionFields.extend({ intent: z.literal("add") }),
  questionFields.extend({ intent: z.literal("update"), original: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("move"), name: z.string().min(1).max(100), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("remove"), name: z.string().min(1).max(100) }),
]);
export type EditQuestionInput = z.input<typeof editQuestionSchema>;

/** The picker's choice as a SurveyJS expression: `{q10} contains 'never'`, `{q6.backup} anyof ['done']`. */
export function conditionExpression(c: {
  conditionQuestion: string;
  conditionRow: string;
  conditionOperator: (typeof conditionOperators)[number];
  conditionValues: string;
  expression?: string;
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

type Fields = z.output<typeof questionFields>;

const valuesOf = (data: Fields) => Object.fromEntries(extraFields.map((f) => [f, data[f]] as const));

/** A new question: the type's skeleton, then the form's fields written into it as changes. */
function elementOf(data: Fields): Element {
  if (!(questionTypes as readonly string[]).includes(data.type))
    throw new AppError("validation-failed", { fields: [{ field: "type", code: "survey-question-type-editor" }] });
  if (!data.titleJa && !["html", "expression"].includes(data.type))
    throw new AppError("validation-failed", { fields: [{ field: "titleJa", code: "required" }] });
  const visibleIf = conditionExpression(data);
  const skeleton: Element = { type: data.type, name: data.name };
  const element = applyEditorChanges(skeleton, {
    name: data.name,
    type: data.type,
    titleJa: "",
    titleEn: "",
    values: valuesOf(data),
  });
  if (data.titleJa) element.title = { ja: data.titleJa, en: data.titleEn || data.titleJa };
  if (data.required && data.type !== "html" && data.type !== "expression") {
    element.isRequired = true;
    if (data.type === "matrix") element.isAllRowRequired = true;
  }
  if (visibleIf) element.visibleIf = visibleIf;
  if (data.hasOther && ["radiogroup", "dropdown", "checkbox", "tagbox"].includes(data.type))
    Object.assign(element, { showOtherItem: true, otherText: { ja: "その他", en: "Other" } });
  return element;
}

interface Place {
  /** The list holding the element (a page's elements or a panel's). */
  list: Element[];
  index: number;
  page: number;
  /** At the top of its page (not inside a panel). */
  top: boolean;
}

function applyEdit(definition: SurveyDefinition, edit: z.output<typeof editQuestionSchema>): SurveyDefinition {
  // A deep copy: edits inside panels must not touch the stored definition's objects.
  const pages = structuredClone(definition.pages ?? []) as { name?: string; elements: Element[] }[];
  const locate = (name: string): Place => {
    const search = (list: Element[], page: number, top: boolean): Place | null => {
      for (const [index, e] of list.entries()) {
        if (e.name === name) return { list, index, page, top };
        if (String(e.type).toLowerCase() === "panel" && Array.isArray(e.elements)) {
          const found = search(e.elements as Element[], page, false);
          if (found) return found;
        }
      }
      return null;
    };
    for (const [p, page] of pages.entries()) {
      const found = search(page.elements, p, true);
      if (found) return found;
    }
    throw new AppError("not-found");
  };
  const place = (element: Element, page: number) => {
    while (pages.length < page) pages.push({ name: `page${pages.length + 1}`, elements: [] });
    pages[page - 1]!.elements.push(element);
  };
  switch (edit.intent) {
    case "add":
      place(elementOf(edit), edit.page ?? 1);
      break;
    case "update": {
      const at = locate(edit.original);
      const previous = at.list[at.index]!;
      if (
        edit.type !== String(previous.type).toLowerCase() &&
        !(questionTypes as readonly string[]).includes(edit.type)
      )
        throw new AppError("validation-failed", { fields: [{ field: "type", code: "survey-question-type-editor" }] });
      const picked = conditionExpression(edit);
      const next = applyEditorChanges(previous, {
        name: edit.name,
        type: edit.type,
        titleJa: edit.titleJa,
        titleEn: edit.titleEn,
        required: edit.required,
        hasOther: edit.hasOther,
        // The expression field shows the current visibleIf: blank with no picker removes it.
        visibleIf: picked ?? (edit.expression === undefined ? undefined : ""),
        values: valuesOf(edit),
      });
      if (edit.page === undefined || edit.page === at.page + 1) at.list[at.index] = next;
      else {
        at.list.splice(at.index, 1);
        place(next, edit.page);
      }
      break;
    }
    case "move": {
      const at = locate(edit.name);
      const list = at.list;
      const target = edit.direction === "up" ? at.index - 1 : at.index + 1;
      const [element] = list.splice(at.index, 1);
      if (target >= 0 && target <= list.length) list.splice(target, 0, element!);
      else if (at.top && edit.direction === "up" && at.page > 0) pages[at.page - 1]!.elements.push(element!);
      else if (at.top && edit.direction === "down" && at.page < pages.length - 1)
        pages[at.page + 1]!.elements.unshift(element!);
      else list.splice(at.index, 0, element!);
      break;
    }
    case "remove": {
      const at = locate(edit.name);
      at.list.splice(at.index, 1);
      break;
    }
  }
  return { ...definition, pages: pages.filter((p, i) => p.elements.length || i === 0) } as SurveyDefinition;
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
  if (edit.intent === "add" && editorViews(survey.definition).some((v) => v.name === edit.name)) {
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
