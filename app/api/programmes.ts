import { z } from "zod";
import { createTranslate } from "#i18n/index.ts";
import { compareProgrammeQuestionnaires } from "#core/programme/compare-programme-questionnaires.ts";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { getProgrammeKpis } from "#core/programme/get-programme-kpis.ts";
import { apiLocale, defineEndpoint, serve } from "./endpoint.ts";

const programme = z.object({
  slug: z.string(),
  name: z.string(),
  communities: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
});
const row = z.object({
  communityId: z.string().nullable(),
  communityName: z.string(),
  values: z.record(z.string(), z.number().nullable()),
  hidden: z.array(z.string()),
});
const kpis = z
  .object({
    programme,
    fiscalYear: z.number().int(),
    columns: z.array(z.object({ key: z.string(), group: z.string(), format: z.string(), label: z.string() })),
    rows: z.array(row),
    total: row,
  })
  .meta({ id: "ProgrammeKpis" });
const cell = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int().nullable(),
  percent: z.number().nullable(),
});
const comparison = z
  .object({
    programme,
    fiscalYear: z.number().int(),
    questions: z.array(
      z.object({
        code: z.string(),
        number: z.string(),
        title: z.string(),
        kind: z.string(),
        askedBy: z.array(z.string()),
        notComparable: z.string().optional(),
        byCommunity: z
          .object({
            groups: z.array(
              z.object({
                value: z.string(),
                label: z.string(),
                base: z.number().int().nullable(),
                result: z.object({ base: z.number().int().nullable(), choices: z.array(cell) }),
              }),
            ),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: "ProgrammeQuestionnaire" });
const year = z.object({ fiscalYear: z.string() });
const notFound = { description: "No such programme, or the caller is not on its office" };

const getKpis = defineEndpoint({
  method: "GET",
  path: "/api/v1/programmes/{slug}/kpis",
  summary:
    "The programme's key figures for a fiscal year: a row per community and the programme's sums; figures counted from fewer than 5 (and any a total would give away) are null and listed in `hidden`. For the programme's office only (a session); never personal data",
  tags: ["programme"],
  access: "signed-in",
  query: year,
  responses: {
    200: { description: "Key figures", schema: kpis },
    404: notFound,
    422: { description: "Bad fiscal year" },
  },
});

const getQuestionnaire = defineEndpoint({
  method: "GET",
  path: "/api/v1/programmes/{slug}/questionnaire",
  summary:
    "The standard questionnaire compared across the programme's communities through the question bank: per canonical question who asked it and its counts by community, suppressed as a breakdown for sharing",
  tags: ["programme"],
  access: "signed-in",
  query: year,
  responses: {
    200: { description: "Comparison", schema: comparison },
    404: notFound,
    422: { description: "Bad fiscal year" },
  },
});

export const endpoints = [
  serve(getKpis, async ({ actor, state, params, query, request }) => {
    const locale = apiLocale(request);
    const t = createTranslate(locale);
    const { programme: p, table } = await getProgrammeKpis(
      programmeDepsFrom(state.services),
      actor,
      params.slug!,
      { fiscalYear: query.fiscalYear },
      locale,
    );
    return {
      programme: { slug: p.slug, name: p.name, communities: p.communities },
      fiscalYear: table.fiscalYear,
      columns: table.columns.map((c) => ({ key: c.key, group: c.group, format: c.format, label: c.label(t) })),
      rows: table.rows,
      total: table.total,
    };
  }),
  serve(getQuestionnaire, async ({ actor, state, params, query, request }) => {
    const result = await compareProgrammeQuestionnaires(
      programmeDepsFrom(state.services),
      actor,
      params.slug!,
      { fiscalYear: query.fiscalYear },
      apiLocale(request),
    );
    return {
      ...result,
      programme: {
        slug: result.programme.slug,
        name: result.programme.name,
        communities: result.programme.communities,
      },
    };
  }),
];
