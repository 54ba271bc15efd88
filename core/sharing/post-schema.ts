/** The JSON shape of a post in the API (GET /api/v1/posts, /api/v1/posts/{id}), for OpenAPI. */
import { z } from "zod";
import { tlpLevels } from "./decide-access.ts";
import { postKinds, postStatuses } from "./posts.ts";

export const postSchema = z
  .object({
    id: z.string(),
    kind: z.enum(postKinds),
    title: z.string(),
    summary: z.string(),
    body: z.string().meta({ description: "Markdown; HTML in it is shown as text" }),
    sourceOrganisation: z.string().nullable(),
    sourceUrl: z.string().nullable().meta({ description: "An http(s) URL: no other scheme is stored or returned" }),
    severity: z.string().nullable(),
    affectedProducts: z.string().nullable(),
    whatToDo: z.string().nullable(),
    tlp: z.enum(tlpLevels),
    status: z.enum(postStatuses),
    audience: z
      .object({ organisations: z.array(z.string()), people: z.array(z.string()) })
      .meta({ description: "Empty unless the caller is the secretariat" }),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sharedBy: z
      .object({ slug: z.string(), name: z.string(), nameEn: z.string().nullable() })
      .nullable()
      .meta({ description: "The community that published it, when another community shared it with this one" }),
    attachments: z
      .array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() }))
      .optional(),
  })
  .meta({ id: "Post" });
