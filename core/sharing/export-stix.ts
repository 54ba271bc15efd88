/**
 * STIX 2.1 export of the advisories a viewer may see, each marked with the official TLP 2.0
 * marking definition (FIRST's TLP 2.0 extension, ids as published by OASIS in
 * cti-stix-common-objects), so a receiving platform (MISP, OpenCTI) keeps the handling rules.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Tlp, Viewer } from "./decide-access.ts";
import { listPosts } from "./list-posts.ts";
import type { SharedOrigin, SharedSource } from "./shared-from-communities.ts";

export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

export const tlpMarkingIds: Record<Tlp, string> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

export function tlpMarkingDefinition(tlp: Tlp) {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: tlpMarkingIds[tlp],
    created: "2022-10-01T00:00:00.000Z",
    name: `TLP:${tlp}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlp.toLowerCase() } },
  };
}

/** A name-based UUID (version 5 layout) so the same post always exports with the same STIX id. */
export function stableUuid(namespace: string, name: string): string {
  const hash = createHash("sha1").update(namespace).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function exportStixBundle(
  db: Kysely<DB>,
  viewer: Viewer,
  options: { baseUrl: string; communityName: string; now: Date; shared?: SharedSource },
) {
  const { items } = await listPosts(
    db,
    viewer,
    { kind: "advisory", limit: 200 },
    { publishedOnly: true, shared: options.shared },
  );
  const community = {
    type: "identity",
    spec_version: "2.1",
    id: `identity--${stableUuid(options.baseUrl, "community")}`,
    created: "2020-04-01T00:00:00.000Z",
    modified: "2020-04-01T00:00:00.000Z",
    name: options.communityName,
    identity_class: "organization",
  };
  // A post another community shared with this one (ADR 038) is created by that community: its own identity.
  const publishers = new Map<string, typeof community>();
  const publisherOf = (origin: SharedOrigin) => {
    const known = publishers.get(origin.slug);
    if (known) return known;
    const identity = {
      ...community,
      id: `identity--${stableUuid(options.baseUrl, `community:${origin.slug}`)}`,
      name: origin.name,
    };
    publishers.set(origin.slug, identity);
    return identity;
  };
  const sources = new Map<string, ReturnType<typeof sourceIdentity>>();
  const sourceIdentity = (name: string) => ({
    type: "identity",
    spec_version: "2.1",
    id: `identity--${stableUuid(options.baseUrl, `source:${name}`)}`,
    created: "2020-04-01T00:00:00.000Z",
    modified: "2020-04-01T00:00:00.000Z",
    name,
    identity_class: "organization",
  });
  const reports = items.map((post) => {
    const creator = post.sharedBy ? publisherOf(post.sharedBy) : community;
    const source = post.sourceOrganisation
      ? (sources.get(post.sourceOrganisation) ?? sourceIdentity(post.sourceOrganisation))
      : creator;
    if (post.sourceOrganisation) sources.set(post.sourceOrganisation, source);
    const description = [
      post.summary,
      post.body,
      post.whatToDo ? `対策: ${post.whatToDo}` : "",
      post.affectedProducts ? `影響を受ける製品: ${post.affectedProducts}` : "",
    ]
      .filter(Boolean)
      .join("\n\n");
    return {
      type: "report",
      spec_version: "2.1",
      id: `report--${stableUuid(options.baseUrl, `post:${post.id}`)}`,
      created_by_ref: creator.id,
      created: post.createdAt,
      modified: post.updatedAt,
      name: post.title,
      description,
      report_types: ["threat-report"],
      published: post.publishedAt ?? post.createdAt,
      object_refs: [source.id],
      labels: post.severity ? [`severity:${post.severity}`] : undefined,
      lang: "ja",
      external_references: [
        { source_name: "chiiki", url: `${options.baseUrl}/posts/${post.id}` },
        ...(post.sourceUrl ? [{ source_name: post.sourceOrganisation ?? "source", url: post.sourceUrl }] : []),
      ],
      object_marking_refs: [tlpMarkingIds[post.tlp]],
    };
  });
  const usedMarkings = [...new Set(items.map((p) => p.tlp))].map(tlpMarkingDefinition);
  return {
    type: "bundle",
    id: `bundle--${stableUuid(options.baseUrl, `bundle:${options.now.toISOString()}`)}`,
    objects: [...usedMarkings, community, ...publishers.values(), ...sources.values(), ...reports],
  };
}
