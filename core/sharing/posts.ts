/**
 * What a post is, shared by the post use cases: its input schema (the API and the forms parse the
 * same one), its stored row turned into the shape callers get, and its access subject.
 */
import { z } from "zod";
import type { Row } from "../../db/schema.ts";
import { isHttpUrl } from "../shared/http-url.ts";
import { tlpLevels, type PostSubject, type Tlp } from "./decide-access.ts";
import type { SharedOrigin } from "./shared-from-communities.ts";

export const postKinds = ["advisory", "news", "case"] as const;
export type PostKind = (typeof postKinds)[number];
export const severities = ["low", "medium", "high", "critical"] as const;
export const postStatuses = ["draft", "published"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

const idList = z.array(z.string().trim().min(1).max(64)).max(500).default([]);

export const postInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(2000).default(""),
    body: z.string().max(50_000),
    kind: z.enum(postKinds),
    tlp: z.enum(tlpLevels),
    sourceOrganisation: optionalText(200),
    sourceUrl: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .nullable()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isHttpUrl(v), { message: "field.sharing-url" }),
    severity: z
      .enum(severities)
      .optional()
      .nullable()
      .transform((v) => v ?? null),
    affectedProducts: optionalText(2000),
    whatToDo: optionalText(5000),
    audience: z.object({ organisations: idList, people: idList }).default({ organisations: [], people: [] }),
    status: z.enum(postStatuses).default("published"),
  })
  .superRefine((post, ctx) => {
    const orgs = post.audience.organisations.length;
    if (post.tlp === "AMBER" && orgs === 0)
      ctx.addIssue({
        code: "custom",
        path: ["audience", "organisations"],
        message: "field.sharing-amber-needs-organisations",
      });
    if (post.tlp === "AMBER+STRICT" && orgs !== 1)
      ctx.addIssue({
        code: "custom",
        path: ["audience", "organisations"],
        message: "field.sharing-strict-one-organisation",
      });
    if (post.tlp === "RED" && post.audience.people.length === 0)
      ctx.addIssue({ code: "custom", path: ["audience", "people"], message: "field.sharing-red-needs-people" });
  });
export type PostInput = z.output<typeof postInputSchema>;

export interface PostAttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface PostView {
  id: string;
  kind: PostKind;
  title: string;
  summary: string;
  body: string;
  sourceOrganisation: string | null;
  sourceUrl: string | null;
  severity: string | null;
  affectedProducts: string | null;
  whatToDo: string | null;
  tlp: Tlp;
  status: "draft" | "published";
  audience: { organisations: string[]; people: string[] };
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The community that published it, when another community shared it with this one (ADR 038). */
  sharedBy: SharedOrigin | null;
}

export function postView(row: Row<"posts">, sharedBy: SharedOrigin | null = null): PostView {
  return {
    id: row.id,
    kind: row.kind as PostKind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    sourceOrganisation: row.source_organisation,
    // Every reader of a post (its page, the API, STIX, Atom) gets it from here: a link stored before
    // links were checked, or by any other path, is never handed out unless it is http(s).
    sourceUrl: row.source_url && isHttpUrl(row.source_url) ? row.source_url : null,
    severity: row.severity,
    affectedProducts: row.affected_products,
    whatToDo: row.what_to_do,
    tlp: row.tlp as Tlp,
    status: row.status as "draft" | "published",
    audience: { organisations: JSON.parse(row.audience_organisation_ids), people: JSON.parse(row.audience_person_ids) },
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sharedBy,
  };
}

export function postSubject(post: Pick<PostView, "status" | "tlp" | "audience">): PostSubject {
  return {
    type: "post",
    status: post.status,
    tlp: post.tlp,
    audienceOrganisationIds: post.audience.organisations,
    audiencePersonIds: post.audience.people,
  };
}

/** What search matches: every text a reader sees, lower-cased (NFKC, so full-width letters match). */
export function postSearchText(post: PostInput): string {
  return [post.title, post.summary, post.body, post.sourceOrganisation, post.affectedProducts, post.whatToDo]
    .filter(Boolean)
    .join("\n")
    .normalize("NFKC")
    .toLowerCase();
}
