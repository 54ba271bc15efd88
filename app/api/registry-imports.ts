import { z } from "zod";
import { communityDepsFrom } from "#core/community/deps.ts";
import { importKinds, previewImport } from "#core/community/preview-import.ts";
import { AppError } from "#core/shared/errors.ts";
import { translateDynamic } from "#i18n/index.ts";
import { apiLocale, defineEndpoint, serve, withStatus } from "./endpoint.ts";

const previewEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/registry-imports",
  summary:
    "Check an organisations or people file (multipart/form-data, field `file`: CSV in UTF-8, UTF-16 or CP932, or XLSX; headers and values in Japanese, English or as codes) as the import page does. Nothing is written: confirm the returned token with /api/v1/registry-imports/confirm",
  tags: ["community"],
  access: "secretariat",
  query: z.object({ kind: z.enum(importKinds) }),
  responses: {
    200: { description: "Every row checked: the preview and its one-time token (valid one hour)" },
    422: { description: "A file that cannot be read, or rows with errors (each row with its line and fields)" },
  },
});

export const endpoints = [
  serve(previewEndpoint, async ({ actor, state, query, request }) => {
    const file = (await request.formData().catch(() => null))?.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    const preview = await previewImport(communityDepsFrom(state.services), actor, {
      kind: query.kind,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    const locale = apiLocale(request);
    // The same reasons the page shows, as text in the caller's language beside each code.
    const rows = preview.rows.map((r) => ({
      ...r,
      errors: r.errors.map((e) => ({
        ...e,
        message: translateDynamic(locale, `field.${e.code}`, "field.invalid", e.params),
      })),
    }));
    return withStatus(preview.invalid > 0 ? 422 : 200, { ...preview, rows });
  }),
];
