/**
 * The sharing e2e world: a running app, the community of core/sharing/testing.ts inside its
 * database, a signed-in session for each role, and the posts, materials, mailing and tokens the
 * role × route test asks about. Built through the use cases, from the test process.
 */
import path from "node:path";
import { authBool } from "../../db/dialect.ts";
import { newId } from "../../db/ids.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createMailing } from "../../core/mailings/create-mailing.ts";
import { unsubscribeToken } from "../../core/mailings/render-mailing.ts";
import { addPostAttachment } from "../../core/sharing/add-post-attachment.ts";
import { createPost } from "../../core/sharing/create-post.ts";
import type { SharingDeps } from "../../core/sharing/deps.ts";
import { recordMaterialConsent } from "../../core/sharing/material-consent.ts";
import { issuePersonalFeedToken, revokePersonalFeedToken } from "../../core/sharing/personal-feed.ts";
import { samplePdf, sampleMp4, seedSharingWorld, type SharingWorld } from "../fixtures/sharing-world.ts";
import { uploadMaterial } from "../../core/sharing/upload-material.ts";
import { loadEnv } from "../../server/env.ts";
import { createServices, type Services } from "../../server/services.ts";
import { afterAll, beforeAll } from "vitest";
import { type AppServer, startAppServer, TEST_SECRET } from "../support/server.ts";
import { localStorageOf } from "../support/storage.ts";

export const roles = ["anonymous", "otherMember", "member", "groupLead", "speaker", "secretariat"] as const;
export type RoleName = (typeof roles)[number];

export interface SharingE2eWorld {
  services: Services;
  world: SharingWorld;
  cookies: Record<RoleName, string | null>;
  /** A signed-in account of an organisation that is not a member: outside the community. */
  outsiderCookie: string;
  /** The account linked to the registry person a TLP:RED post names (people.named). */
  namedCookie: string;
  ids: {
    clear: string;
    green: string;
    amber: string;
    red: string;
    draft: string;
    clearPdf: string;
    amberPdf: string;
    pendingSlides: string;
    memberSlides: string;
    video: string;
    mailing: string;
  };
  tokens: { consent: string; personalFeed: string; unsubscribe: string } & PersonalFeedTokens;
  titles: Record<"clear" | "green" | "amber" | "red" | "draft", string>;
}

/** Personal feed URLs in each state: the secretariat's (sees RED), replaced, revoked and 90 days unused. */
export interface PersonalFeedTokens {
  secretariatFeed: string;
  rotatedFeed: string;
  revokedFeed: string;
  expiredFeed: string;
}

async function personalFeedTokens(db: Services["database"]["db"], world: SharingWorld): Promise<PersonalFeedTokens> {
  const clock = systemClock;
  const rotatedFeed = await issuePersonalFeedToken(db, clock, world.actors.memberB);
  await issuePersonalFeedToken(db, clock, world.actors.memberB);
  const revokedFeed = await issuePersonalFeedToken(db, clock, world.actors.groupLead);
  await revokePersonalFeedToken(db, clock, world.actors.groupLead);
  const expiredFeed = await issuePersonalFeedToken(db, clock, world.actors.speaker);
  const longAgo = new Date(Date.now() - 91 * 24 * 60 * 60 * 1000).toISOString();
  await db
    .updateTable("personal_feed_tokens")
    .set({ created_at: longAgo, last_used_at: longAgo })
    .where("user_id", "=", world.actors.speaker.userId)
    .execute();
  const secretariatFeed = await issuePersonalFeedToken(db, clock, world.actors.secretariat);
  return { secretariatFeed, rotatedFeed, revokedFeed, expiredFeed };
}

export const PASSWORD = "correct-horse-battery-staple";

/** Signs in through the sign-in page, as a browser without script does (Better Auth's HTTP sign-in is not exposed). */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("chiiki.session_token="));
  if (response.status !== 302 || !cookie)
    throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return cookie.split(";")[0]!;
}

export async function openSharingWorld(app: AppServer): Promise<SharingE2eWorld> {
  const services = await createServices(
    loadEnv({
      CHIIKI_DATA_DIR: app.dataDir,
      CHIIKI_SECRET: TEST_SECRET,
      CHIIKI_BASE_URL: app.baseUrl,
      DATABASE_URL: app.databaseUrl ?? `file:${path.join(app.dataDir, "chiiki.sqlite")}`,
      LOG_LEVEL: "silent",
    }),
    { startWorker: false, migrate: false },
  );
  const db = services.database.db;
  const dialect = services.database.dialect;
  const clock = systemClock;
  const world = await seedSharingWorld(db, dialect, clock);
  const now = clock.now().toISOString();
  for (const [key, value] of [
    ["installed_at", now],
    ["community_name", "長崎地域SECURITY"],
  ]) {
    await db
      .insertInto("app_settings")
      .values({ key: key!, value: value! })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  }

  // Passwords, then sessions: sign in before second factors are switched on, then mark the
  // secretariat's session as one that passed TOTP (as the code on /sign-in/two-factor would).
  const hash = await (await services.auth.$context).password.hash(PASSWORD);
  const byRole = {
    outsider: world.actors.outsider,
    named: world.actors.named,
    otherMember: world.actors.memberB,
    member: world.actors.memberA,
    groupLead: world.actors.groupLead,
    speaker: world.actors.speaker,
    secretariat: world.actors.secretariat,
  };
  await db
    .updateTable("user")
    .set({ twoFactorEnabled: authBool(dialect, false) })
    .execute();
  const cookies = { anonymous: null } as Record<RoleName | "outsider" | "named", string | null>;
  for (const [role, actor] of Object.entries(byRole)) {
    await db
      .insertInto("account")
      .values({
        id: newId(),
        accountId: actor.userId,
        providerId: "credential",
        userId: actor.userId,
        password: hash,
        accessToken: null,
        refreshToken: null,
        idToken: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        scope: null,
        createdAt: dialect === "postgres" ? clock.now() : now,
        updatedAt: dialect === "postgres" ? clock.now() : now,
      })
      .execute();
    cookies[role as RoleName | "outsider" | "named"] = await signIn(app.baseUrl, actor.email);
  }
  await db
    .updateTable("user")
    .set({ twoFactorEnabled: authBool(dialect, true) })
    .where("id", "=", world.actors.secretariat.userId)
    .execute();
  // A session records whether it passed the second factor; the secretariat's stands for one that did.
  await db
    .updateTable("session")
    .set({ secondFactorVerified: authBool(dialect, true) })
    .where("userId", "=", world.actors.secretariat.userId)
    .execute();

  const deps: SharingDeps = {
    db,
    clock,
    storage: localStorageOf(app.dataDir),
    baseUrl: app.baseUrl,
    secret: TEST_SECRET,
  };
  const sec = world.actors.secretariat;
  const titles = {
    clear: "偽SMSに注意（公開）",
    green: "会員向け脆弱性情報",
    amber: "A会員向け事案",
    red: "赤井さんへ",
    draft: "未公開の下書き",
  };
  const post = async (title: string, extra: Record<string, unknown>) =>
    (await createPost(deps, sec, { title, body: "本文", kind: "advisory", ...extra })).id;
  const ids = {
    clear: await post(titles.clear, { tlp: "CLEAR" }),
    green: await post(titles.green, { tlp: "GREEN" }),
    amber: await post(titles.amber, { tlp: "AMBER", audience: { organisations: [world.orgA] } }),
    red: await post(titles.red, { tlp: "RED", audience: { people: [world.people.named] } }),
    draft: await post(titles.draft, { tlp: "CLEAR", status: "draft" }),
  } as SharingE2eWorld["ids"];
  ids.clearPdf = (
    await addPostAttachment(deps, sec, ids.clear, { name: "flyer.pdf", bytes: await samplePdf("flyer") })
  ).id;
  ids.amberPdf = (
    await addPostAttachment(deps, sec, ids.amber, { name: "case.pdf", bytes: await samplePdf("case") })
  ).id;

  ids.pendingSlides = (
    await uploadMaterial(
      deps,
      world.actors.speaker,
      { eventId: world.eventId, title: "長崎県内のサイバーセキュリティについて", speakerName: "講師" },
      { name: "talk1.pdf", bytes: await samplePdf("talk 1") },
    )
  ).id;
  const consentMail = await db
    .selectFrom("outbox_messages")
    .select("text_body")
    .where("to_address", "=", world.actors.speaker.email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const consent = /\/materials\/consent\/(\S+)/.exec(consentMail.text_body)![1]!;
  const consented = async (title: string, file: { name: string; bytes: Uint8Array }, email: string) => {
    const { id } = await uploadMaterial(
      deps,
      sec,
      { eventId: world.eventId, title, speakerName: "分析官", speakerEmail: email },
      file,
    );
    const mail = await db
      .selectFrom("outbox_messages")
      .select("text_body")
      .where("to_address", "=", email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await recordMaterialConsent(deps, /\/materials\/consent\/(\S+)/.exec(mail.text_body)![1]!, {
      scope: "members",
      // The seed's rule: members may view the slides and watch the recording, nothing public.
      rights: ["copyright", "portrait"],
      downloadAllowed: false,
    });
    return id;
  };
  ids.memberSlides = await consented(
    "会員限定の資料（閲覧のみ）",
    { name: "talk2.pdf", bytes: await samplePdf("talk 2") },
    "analyst@trend.example",
  );
  ids.video = await consented("セミナー録画", { name: "recording.mp4", bytes: sampleMp4(4096) }, "video@trend.example");
  ids.mailing = (
    await createMailing(deps, sec, { subject: "ご案内", bodyTemplate: "{name} 様", audience: { kind: "all-members" } })
  ).id;

  return {
    services,
    world,
    cookies,
    outsiderCookie: cookies.outsider!,
    namedCookie: cookies.named!,
    ids,
    tokens: {
      consent,
      personalFeed: await issuePersonalFeedToken(db, clock, world.actors.memberA),
      unsubscribe: unsubscribeToken(TEST_SECRET, world.actors.memberA.email),
      ...(await personalFeedTokens(db, world)),
    },
    titles,
  };
}

/**
 * A suite's own app server (rate limits and the worker off) with the sharing world seeded into it,
 * opened before the suite and closed after it. `onOpen` hands both to the suite's variables.
 */
export function useSharingWorldServer(onOpen: (opened: { app: AppServer; w: SharingE2eWorld }) => void): void {
  let app: AppServer | undefined;
  let w: SharingE2eWorld | undefined;
  beforeAll(async () => {
    app = await startAppServer({ rateLimits: false, env: { CHIIKI_WORKER: "off" } });
    w = await openSharingWorld(app);
    onOpen({ app, w });
  });
  afterAll(async () => {
    await w?.services.close();
    await app?.stop();
  });
}
