import { z } from "zod";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { exportPerson } from "#core/privacy/export-person.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const exportSchema = z
  .object({
    ref: z.string(),
    exportedAt: z.string(),
    locale: z.enum(["ja", "en"]),
    person: z.array(z.record(z.string(), z.unknown())),
    groupMemberships: z.array(z.record(z.string(), z.unknown())),
    officerRoles: z.array(z.record(z.string(), z.unknown())),
    meetings: z.array(z.record(z.string(), z.unknown())),
    activities: z.array(z.record(z.string(), z.unknown())),
    registrations: z.array(z.record(z.string(), z.unknown())),
    surveyInvitations: z.array(z.record(z.string(), z.unknown())),
    mailingRecipients: z.array(z.record(z.string(), z.unknown())),
    mails: z.array(z.record(z.string(), z.unknown())),
    downloads: z.array(z.record(z.string(), z.unknown())),
    invitations: z.array(z.record(z.string(), z.unknown())),
    mailSuppressions: z.array(z.record(z.string(), z.unknown())),
    speakerRecords: z.array(z.record(z.string(), z.unknown())),
    guestInvitations: z.array(z.record(z.string(), z.unknown())),
    talkMaterials: z.array(z.record(z.string(), z.unknown())),
    auditEvents: z.array(z.record(z.string(), z.unknown())),
    account: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({
    id: "PersonExport",
    description:
      "Everything held about one person (保有個人データの開示). `ref` is the pseudonym an erasure would use.",
  });

const endpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/people/{id}/export",
  summary: "Everything held about a person, for a disclosure request (logged)",
  tags: ["privacy"],
  access: "secretariat",
  responses: { 200: { description: "The person's data", schema: exportSchema }, 404: { description: "Not found" } },
});

export const endpoints = [
  serve(endpoint, ({ actor, state, params }) => exportPerson(privacyDepsFrom(state.services), actor, params.id!)),
];
