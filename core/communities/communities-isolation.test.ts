/**
 * Two communities in one installation (issue 18, ADR 035), with the same names, e-mails and
 * 法人番号: community A's use cases, run through A's services (database scoped by the plugin),
 * list, find and change only A's records, and never anything of B's — on both databases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { communityDepsFrom } from "../community/deps.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import { createPerson } from "../community/create-person.ts";
import { getOrganisation } from "../community/get-organisation.ts";
import { listOrganisations } from "../community/list-organisations.ts";
import { listPeople } from "../community/list-people.ts";
import { updateOrganisation } from "../community/update-organisation.ts";
import { createEvent } from "../events/create-event.ts";
import { eventsDepsFrom } from "../events/deps.ts";
import { getEvent } from "../events/get-event.ts";
import { listEvents } from "../events/list-events.ts";
import { createMailing } from "../mailings/create-mailing.ts";
import { listMailings } from "../mailings/list-mailings.ts";
import { createPost } from "../sharing/create-post.ts";
import { sharingDepsFrom } from "../sharing/deps.ts";
import { getPost } from "../sharing/get-post.ts";
import { listPosts } from "../sharing/list-posts.ts";
import { loadViewer } from "../sharing/load-viewer.ts";
import { createSurvey } from "../surveys/create-survey.ts";
import { surveysDepsFrom } from "../surveys/deps.ts";
import { listSurveys } from "../surveys/list-surveys.ts";
import type { Services } from "../../server/services.ts";
import { seminarInput } from "../../tests/fixtures/events.ts";
import { secretariatActor } from "../../tests/fixtures/actors.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { systemClock } from "../shared/clock.ts";
import { createCommunity } from "./create-community.ts";

const secretariat = secretariatActor();
const cli = { kind: "system", name: "cli" } as const;

/** The same records in a community: what each create returned, by kind. */
async function seed(services: Services) {
  const community = communityDepsFrom(services);
  const organisation = await createOrganisation(community, secretariat, {
    name: "長崎商事株式会社",
    reading: "ながさきしょうじ",
    sector: "industry",
    prefecture: "nagasaki",
    membership: "member",
    corporateNumber: "7000012050002",
  });
  const person = await createPerson(community, secretariat, {
    familyName: "長崎",
    givenName: "花子",
    email: "hanako@example.jp",
    organisationId: organisation.id,
  });
  const event = await createEvent(eventsDepsFrom(services), secretariat, seminarInput());
  const survey = await createSurvey(surveysDepsFrom(services), secretariat, {
    title: "セミナーアンケート",
    template: "regional-standard",
  });
  const sharing = sharingDepsFrom(services);
  const post = await createPost(sharing, secretariat, {
    title: "Emotet 注意喚起",
    body: "本文",
    kind: "advisory",
    tlp: "CLEAR",
  });
  const mailing = await createMailing(sharing, secretariat, {
    subject: "セミナーのご案内",
    bodyTemplate: "{name} 様",
    audience: { kind: "all-members" },
  });
  return {
    organisation: organisation.id,
    person: person.id,
    event: event.id,
    survey: survey.id,
    post: post.id,
    mailing: mailing.id,
  };
}

describe.each(testDatabases)("two communities on %s", (kind) => {
  const a = useTestServices(kind);
  let b: Services;
  let ofA: Awaited<ReturnType<typeof seed>>;
  let ofB: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    const other = await createCommunity({ root: a.database.root, clock: systemClock }, cli, {
      slug: "saga",
      name: "佐賀県サイバーセキュリティ連絡会",
    });
    b = a.forCommunity(other);
    ofB = await seed(b);
    ofA = await seed(a);
  });

  it("lists only the community's own records, though every name, e-mail and 法人番号 is the same", async () => {
    const community = communityDepsFrom(a);
    expect((await listOrganisations(community, secretariat, {})).items.map((o) => o.id)).toEqual([ofA.organisation]);
    expect((await listPeople(community, secretariat, {})).items.map((p) => p.id)).toEqual([ofA.person]);
    const events = await listEvents(a.database.db, secretariat, new Date("2021-01-01T00:00:00Z"));
    expect([...events.upcoming, ...events.past].map((e) => e.id)).toEqual([ofA.event]);
    expect((await listSurveys(surveysDepsFrom(a), secretariat)).items.map((s) => s.id)).toEqual([ofA.survey]);
    const viewer = await loadViewer(a.database.db, secretariat);
    expect((await listPosts(a.database.db, viewer)).items.map((p) => p.id)).toEqual([ofA.post]);
    // Nor through what other communities shared (ADR 038): B shared nothing, so B's posts stay B's.
    const shared = sharingDepsFrom(a).shared;
    expect((await listPosts(a.database.db, viewer, {}, { shared })).items.map((p) => p.id)).toEqual([ofA.post]);
    expect((await listMailings(a.database.db, secretariat)).items.map((m) => m.id)).toEqual([ofA.mailing]);
    // And B sees its own, the mirror image.
    expect((await listOrganisations(communityDepsFrom(b), secretariat, {})).items.map((o) => o.id)).toEqual([
      ofB.organisation,
    ]);
  });

  it("finds none of the other community's records by id, and changes none of them", async () => {
    const community = communityDepsFrom(a);
    await expect(getOrganisation(community, secretariat, ofB.organisation)).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(getEvent(a.database.db, secretariat, ofB.event)).rejects.toMatchObject({ code: "not-found" });
    const viewer = await loadViewer(a.database.db, secretariat);
    await expect(getPost(a.database.db, viewer, ofB.post)).rejects.toMatchObject({ code: "not-found" });
    await expect(getPost(a.database.db, viewer, ofB.post, sharingDepsFrom(a).shared)).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(
      updateOrganisation(community, secretariat, ofB.organisation, {
        name: "乗っ取り",
        sector: "industry",
        membership: "member",
      }),
    ).rejects.toMatchObject({ code: "not-found" });
    const inB = await getOrganisation(communityDepsFrom(b), secretariat, ofB.organisation);
    expect(inB.name).toBe("長崎商事株式会社");
  });

  it("keeps every row it wrote in its own community", async () => {
    const root = a.database.root;
    for (const table of [
      "organisations",
      "people",
      "events",
      "surveys",
      "posts",
      "mailings",
      "audit_events",
    ] as const) {
      // B's audit log also holds its creation (community.create), which A's does not.
      const rows = (await root.selectFrom(table).selectAll().execute()).filter(
        (r) => !("action" in r) || r.action !== "community.create",
      );
      const counts = Object.groupBy(rows, (r) =>
        r.community_id === a.community.id ? "a" : r.community_id === b.community.id ? "b" : "other",
      );
      expect(counts.other, table).toBeUndefined();
      expect(counts.a?.length, table).toBe(counts.b?.length);
    }
  });
});
