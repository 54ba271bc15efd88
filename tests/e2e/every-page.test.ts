/**
 * Every page of the app (every route with a component, from the built route table) as each of
 * three people — the public, a member, the secretariat — at 390×844 and 1280×800, over the
 * sharing world plus the demo year (`npx chiiki demo`: full tables of registrants, responses,
 * agreements, activities, the FY2020 report). On each page a person may see: axe-core with no
 * serious or critical violation (`scrollable-region-focusable` on wide tables included), and a
 * document that never scrolls sideways (wide tables scroll inside their own focusable region).
 * A page that redirects or refuses a role (sign-in, 403, 404) is left to the role × route test.
 * A new page fails the first test until it is given a URL below. Screenshots in test-results/.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../../core/accounts/actor.ts";
import { inviteUser } from "../../core/accounts/invite-user.ts";
import { createEvent } from "../../core/events/create-event.ts";
import { registerAttendee } from "../../core/events/register-attendee.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { seminarInput } from "../fixtures/events.ts";
import { allowConsoleErrors, expectNoAxeViolations, screenshot, useBrowser } from "../support/browser.ts";
import type { AppServer } from "../support/server.ts";
import { loadRouteTable, type RouteEntry } from "./route-table.ts";
import { type SharingE2eWorld, useSharingWorldServer } from "./sharing-world.ts";

const people = ["anonymous", "member", "secretariat"] as const;
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

/** One real URL per page route, over the world's and the demo year's rows. */
async function pageUrls(app: AppServer, w: SharingE2eWorld): Promise<Record<string, string>> {
  const db = app.db();
  const { ids, tokens, world } = w;
  const deps = { db, clock: systemClock, baseUrl: app.baseUrl, secret: "x".repeat(40) };
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const open = await createEvent(
    deps,
    world.actors.secretariat,
    seminarInput({ title: "来月の公開セミナー", startsAt: day(30), endsAt: day(30.1), sessions: [] }),
  );
  const ticket = await registerAttendee(deps, anonymous, open.id, {
    name: "参加 花子",
    email: "hanako.ticket@example.jp",
    seatType: "venue",
  });
  const publicSurvey = await createSurvey({ ...deps, dialect: w.services.database.dialect }, world.actors.secretariat, {
    title: "公開アンケート",
    template: "regional-standard",
    access: "public",
    talks: [],
  });
  const invitation = await inviteUser(
    w.services.accounts,
    { kind: "system", name: "every-page" },
    {
      email: "invited.every-page@example.jp",
      name: "招待 太郎",
      role: "secretariat",
    },
  );
  /** The row of `table` with the most rows in `child` pointing at it (the fullest table to show). */
  const fullest = async (child: "registrations" | "survey_responses", column: "event_id" | "survey_id") =>
    (
      await db
        .selectFrom(child)
        .select((eb) => [eb.ref(column).as("id"), eb.fn.countAll<number>().as("n")])
        .groupBy(column)
        .orderBy("n", "desc")
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id as string;
  const firstId = async (table: "agreements" | "activities" | "meetings" | "groups" | "outbox_messages") =>
    (await db.selectFrom(table).select("id").orderBy("id").limit(1).executeTakeFirstOrThrow()).id;
  const event = await fullest("registrations", "event_id");
  const survey = await fullest("survey_responses", "survey_id");
  const agreement = await firstId("agreements");
  const activity = await firstId("activities");
  const meeting = await firstId("meetings");
  const outbox = await firstId("outbox_messages");
  return {
    "routes/_index": "/",
    "routes/setup": "/setup",
    "routes/sign-in._index": "/sign-in",
    "routes/sign-in.two-factor": "/sign-in/two-factor",
    "routes/sign-in.magic-link": "/sign-in/magic-link",
    "routes/forgot-password": "/forgot-password",
    "routes/reset-password": "/reset-password",
    "routes/invite.$token": `/invite/${invitation.token}`,
    "routes/account._index": "/account",
    "routes/account.two-factor": "/account/two-factor",
    "routes/secretariat.audit": "/secretariat/audit",
    "routes/secretariat.invitations": "/secretariat/invitations",
    "routes/secretariat.person-links": "/secretariat/person-links",
    "routes/secretariat.outbox._index": "/secretariat/outbox",
    "routes/secretariat.outbox.$id": `/secretariat/outbox/${outbox}`,
    "routes/secretariat.tokens": "/secretariat/tokens",
    "routes/secretariat.privacy._index": "/secretariat/privacy?q=a",
    "routes/secretariat.privacy.$id": `/secretariat/privacy/${world.people.named}`,
    "routes/secretariat.privacy.$id_.export": `/secretariat/privacy/${world.people.named}/export`,
    "routes/privacy._index": "/privacy",
    "routes/privacy.erase.$token": "/privacy/erase/pe_forged.eEBleGFtcGxlLmpw",
    "routes/community._index": "/community",
    "routes/community.organisations._index": "/community/organisations",
    "routes/community.organisations.new": "/community/organisations/new",
    "routes/community.organisations.$id._index": `/community/organisations/${world.orgA}`,
    "routes/community.organisations.$id.edit": `/community/organisations/${world.orgA}/edit`,
    "routes/community.people._index": "/community/people",
    "routes/community.people.new": "/community/people/new",
    "routes/community.people.$id._index": `/community/people/${world.people.memberA}`,
    "routes/community.people.$id.edit": `/community/people/${world.people.memberA}/edit`,
    "routes/community.groups._index": "/community/groups",
    "routes/community.groups.new": "/community/groups/new",
    "routes/community.groups.$id._index": `/community/groups/${world.groupId}`,
    "routes/community.groups.$id.edit": `/community/groups/${world.groupId}/edit`,
    "routes/community.agreements._index": "/community/agreements",
    "routes/community.agreements.new": "/community/agreements/new",
    "routes/community.agreements.$id._index": `/community/agreements/${agreement}`,
    "routes/community.agreements.$id.edit": `/community/agreements/${agreement}/edit`,
    "routes/community.meetings._index": "/community/meetings",
    "routes/community.meetings.new": "/community/meetings/new",
    "routes/community.meetings.$id._index": `/community/meetings/${meeting}`,
    "routes/community.meetings.$id.edit": `/community/meetings/${meeting}/edit`,
    "routes/community.decisions": "/community/decisions",
    "routes/community.activities._index": "/community/activities",
    "routes/community.activities.new": "/community/activities/new",
    "routes/community.activities.$id._index": `/community/activities/${activity}`,
    "routes/community.activities.$id.edit": `/community/activities/${activity}/edit`,
    "routes/community.import": "/community/import",
    "routes/community.posture-import": "/community/posture-import",
    "routes/events._index": "/events",
    "routes/events.$id._index": `/events/${open.id}`,
    "routes/events.$id.register": `/events/${open.id}/register`,
    "routes/events.ticket.$token": `/events/ticket/${ticket.token}`,
    "routes/events.manage._index": "/events/manage",
    "routes/events.manage.$id._index": `/events/manage/${event}`,
    "routes/events.manage.$id.registrations": `/events/manage/${event}/registrations`,
    "routes/events.manage.$id.checkin": `/events/manage/${event}/checkin`,
    "routes/events.manage.$id.figures": `/events/manage/${event}/figures`,
    "routes/s.$id": `/s/${publicSurvey.id}`,
    "routes/surveys._index": "/surveys",
    "routes/surveys.new": "/surveys/new",
    "routes/surveys.$id._index": `/surveys/${survey}`,
    "routes/surveys.$id.mapping": `/surveys/${survey}/mapping`,
    "routes/surveys.$id.results": `/surveys/${survey}/results`,
    "routes/surveys.$id.import": `/surveys/${survey}/import`,
    "routes/surveys.$id.edit": `/surveys/${survey}/edit`,
    "routes/posts._index": "/posts",
    "routes/posts.new": "/posts/new",
    "routes/posts.feed": "/posts/feed",
    "routes/posts.feeds": "/posts/feeds",
    "routes/posts.$id._index": `/posts/${ids.amber}`,
    "routes/posts.$id.edit": `/posts/${ids.draft}/edit`,
    "routes/posts.$id.shares": `/posts/${ids.amber}/shares`,
    "routes/posts.$id.attachments.$attachmentId.preview": `/posts/${ids.amber}/attachments/${ids.amberPdf}/preview`,
    "routes/materials._index": "/materials",
    "routes/materials.new": "/materials/new",
    "routes/materials.downloads": "/materials/downloads",
    "routes/materials.$id._index": `/materials/${ids.memberSlides}`,
    "routes/materials.$id.pages._index": `/materials/${ids.memberSlides}/pages`,
    "routes/materials.$id.shares": `/materials/${ids.memberSlides}/shares`,
    "routes/materials.consent.$token": `/materials/consent/${tokens.consent}`,
    "routes/mailings._index": "/mailings",
    "routes/mailings.new": "/mailings/new",
    "routes/mailings.$id._index": `/mailings/${ids.mailing}`,
    "routes/mailings.unsubscribe.$token": `/mailings/unsubscribe/${tokens.unsubscribe}`,
    // Programme pages: the people here are on no programme's office (tests/e2e/programme.test.ts walks them).
    "routes/programme._index": "/programme",
    "routes/programme.$slug._index": "/programme/kyushu?fiscalYear=2020",
    "routes/programme.$slug.questionnaire": "/programme/kyushu/questionnaire?fiscalYear=2020",
    "routes/programme.$slug.audit": "/programme/kyushu/audit",
    "routes/reports._index": "/reports",
    "routes/reports.$fy._index": "/reports/2020",
    "routes/reports.$fy.edit": "/reports/2020/edit",
  };
}

describe("every page as each person, on a phone and a desktop", () => {
  let app: AppServer;
  let w: SharingE2eWorld;
  let pages: RouteEntry[];
  let urls: Record<string, string>;
  useSharingWorldServer((opened) => ({ app, w } = opened));
  const browser = useBrowser();

  beforeAll(async () => {
    // The world's seminar has the demo seminar's title and start, which the demo would take for its own.
    await app
      .db()
      .updateTable("events")
      .set({ title: "情報共有の確認用セミナー" })
      .where("id", "=", w.world.eventId)
      .execute();
    const demo = await app.runCli(["demo"]);
    expect(demo.code, demo.stderr).toBe(0);
    pages = (await loadRouteTable()).filter((r) => r.hasComponent);
    urls = await pageUrls(app, w);
  }, 600_000);

  it("has a URL for every page the app has (a new page fails here until it is given one)", () => {
    const missing = pages.map((p) => p.id).filter((id) => !(id in urls));
    expect(missing, `pages without a URL — add them to pageUrls() in tests/e2e/every-page.test.ts`).toEqual([]);
  });

  for (const person of people) {
    it(`${person}: every page they may see passes axe at 390×844 and never scrolls sideways there or at 1280×800`, async () => {
      const problems: string[] = [];
      let checked = 0;
      let reported = 0;
      for (const [size, viewport] of Object.entries(sizes)) {
        const page = await browser.newPage({ viewport: size === "phone" ? "phone" : "desktop" });
        await page.setViewportSize(viewport);
        // Pages this person may not see answer 4xx on purpose (the role × route test checks which).
        allowConsoleErrors(page, /status of 4\d\d/);
        const cookie = person === "anonymous" ? null : w.cookies[person];
        if (cookie) {
          const [name, ...value] = cookie.split("=");
          await page.context().addCookies([{ name: name!, value: value.join("="), url: app.baseUrl }]);
        }
        for (const route of pages) {
          const url = urls[route.id];
          if (!url) continue;
          const response = await page.goto(`${app.baseUrl}${url}`);
          const landed = new URL(page.url());
          if (response?.status() !== 200 || landed.pathname !== new URL(url, app.baseUrl).pathname) continue;
          checked++;
          const where = `${person} ${size} ${url}`;
          const overflow = await page.evaluate(() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            // The outermost elements reaching past the right edge that no scrolling box contains.
            const scrolls = (el: Element) => ["auto", "scroll", "hidden"].includes(getComputedStyle(el).overflowX);
            const culprits: string[] = [];
            for (const el of document.body.querySelectorAll("*")) {
              if (el.getBoundingClientRect().right <= width + 1) continue;
              let up = el.parentElement;
              let inside = false;
              while (up && up !== document.body) {
                if (scrolls(up) || up.getBoundingClientRect().right > width + 1) inside = true;
                up = up.parentElement;
              }
              if (!inside)
                culprits.push(
                  `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)}px)`,
                );
              if (culprits.length >= 3) break;
            }
            return `${document.documentElement.scrollWidth}px wide in ${width}px: ${culprits.join(", ")}`;
          });
          if (overflow) problems.push(`${where} scrolls sideways: ${overflow}`);
          // axe at the phone size, where a page is hardest to get right (targets, reflow, contrast of
          // the same styles); the desktop pass checks the layout only: axe's rules read the markup,
          // which is the same at both widths, and ran at both for a year without a desktop-only find.
          if (size === "phone") {
            try {
              await expectNoAxeViolations(page);
            } catch (error) {
              problems.push(`${where}: ${(error as Error).message.split("\n\n")[0]}`);
            }
          }
          // Said as found, so a long run that is stopped still tells what it saw.
          if (problems.length > reported) console.error(problems.slice(reported).join("\n"));
          reported = problems.length;
          // Pictures of the phone size only: they are for people to look at, and a full-page
          // picture of a long desktop page is the slowest step of the visit.
          if (size === "phone") await screenshot(page, `every-${person}-${size}-${route.id.replace(/^routes\//, "")}`);
        }
        await page.context().close();
      }
      expect(checked).toBeGreaterThan(person === "anonymous" ? 10 : 20);
      expect(problems, problems.join("\n")).toEqual([]);
    }, 1_200_000);
  }
});
