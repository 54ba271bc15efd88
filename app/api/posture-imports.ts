import { communityDepsFrom } from "#core/community/deps.ts";
import { previewPostureImport } from "#core/community/preview-posture-import.ts";
import { AppError } from "#core/shared/errors.ts";
import { translateDynamic } from "#i18n/index.ts";
import { apiLocale, defineEndpoint, serve } from "./endpoint.ts";

const previewEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/posture-imports",
  summary:
    "Check a security posture file (multipart/form-data, field `file`: CSV in UTF-8, UTF-16 or CP932, or XLSX; headers and values in Japanese, English or as codes) as the import page does: each row matched to an organisation by 法人番号, else by its exact name; SECURITY ACTION, SCS評価制度, お助け隊, cyber insurance checked as the posture form checks them; each refused row with its reasons. Nothing is written: commit the returned token with /api/v1/posture-imports/commit",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: {
      description:
        "Every row checked: the preview (accepted, unchanged, refused) and its one-time token (valid one hour)",
    },
    422: { description: "A file that cannot be read, or without the columns to match organisations or record posture" },
  },
});

export const endpoints = [
  serve(previewEndpoint, async ({ actor, state, request }) => {
    const file = (await request.formData().catch(() => null))?.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    const preview = await previewPostureImport(communityDepsFrom(state.services), actor, {
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    const locale = apiLocale(request);
    // The same reasons the page shows, as text in the caller's language beside each code.
    return {
      ...preview,
      rows: preview.rows.map((r) => ({
        ...r,
        errors: r.errors.map((e) => ({
          ...e,
          message: translateDynamic(locale, `field.${e.code}`, "field.invalid", e.params),
        })),
      })),
    };
  }),
];
