import { z } from "zod";
import { AppError } from "#core/shared/errors.ts";
import { importTimeZones } from "#core/surveys/form-timestamps.ts";
import { importResponses } from "#core/surveys/import-responses.ts";
import { apiLocale, defineEndpoint, serve, withStatus } from "./endpoint.ts";

const importEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/surveys/{id}/imports",
  summary:
    "Import answers as the import page does (multipart/form-data, field `file`: a Google Forms responses CSV in UTF-8, UTF-16 or CP932, or a JSON array). `commit=false` (the default) only reports the mapping and what would be refused; the タイムスタンプ / Timestamp column is read in `timeZone` (default Asia/Tokyo)",
  tags: ["surveys"],
  access: "secretariat",
  query: z.object({
    commit: z.enum(["true", "false"]).default("false"),
    timeZone: z.enum(importTimeZones).default(importTimeZones[0]),
  }),
  responses: {
    200: { description: "The report: column mapping, unmatched values, refused rows (row and column named), imported" },
    422: { description: "A file that cannot be read, or no column matches a question" },
  },
});

export const endpoints = [
  serve(importEndpoint, async ({ actor, state, params, query, request }) => {
    const file = (await request.formData().catch(() => null))?.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    const { content: _content, ...report } = await importResponses(state.services.accounts, actor, params.id!, {
      file: new Uint8Array(await file.arrayBuffer()),
      commit: query.commit === "true",
      timeZone: query.timeZone,
      locale: apiLocale(request),
    });
    return withStatus(200, report);
  }),
];
