/**
 * Each community's services carry its own address and sender (ADR 040): the links its use cases
 * write point under its prefix, and the one outbox worker sends each message from the sender of
 * the community that queued it.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createCommunity } from "../core/communities/create-community.ts";
import { enqueueMail } from "../core/mail/enqueue-mail.ts";
import { systemClock } from "../core/shared/clock.ts";
import { openTestDatabase, testDatabases } from "../tests/support/databases.ts";
import { loadEnv } from "./env.ts";
import { createServices } from "./services.ts";

describe.each(testDatabases)("a community's own address and sender on %s", (kind) => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closing.reverse()) await close();
  });

  it("writes its links under /c/<slug>/ and sends its mail from its sender, through one worker", async () => {
    const database = await openTestDatabase(kind);
    closing.push(() => database.cleanup());
    const saga = await createCommunity(
      { root: database.root, clock: systemClock },
      { kind: "system", name: "cli" },
      { slug: "saga", name: "佐賀地域SECURITY", senderName: "佐賀 事務局", senderAddress: "office@saga.example.jp" },
    );
    const dataDir = mkdtempSync(path.join(tmpdir(), "chiiki-community-mail-"));
    const services = await createServices(
      loadEnv({
        CHIIKI_DATA_DIR: dataDir,
        CHIIKI_SECRET: "test-secret-test-secret-test-secret-0123",
        CHIIKI_BASE_URL: "https://chiiki.example.jp",
        MAIL_FROM: "Chiiki <no-reply@chiiki.example.jp>",
        LOG_LEVEL: "silent",
      }),
      { database, startWorker: true, migrate: false },
    );
    closing.push(() => services.close());
    const sagaServices = services.forCommunity(saga);
    expect(services.env.baseUrl).toBe("https://chiiki.example.jp");
    expect(sagaServices.env.baseUrl).toBe("https://chiiki.example.jp/c/saga");
    expect(sagaServices.env.installationBaseUrl).toBe("https://chiiki.example.jp");
    expect(sagaServices.env.mailFrom).toBe("佐賀 事務局 <office@saga.example.jp>");

    await enqueueMail(services.database.db, systemClock, { to: "a@example.jp", subject: "長崎", text: "x" });
    await enqueueMail(sagaServices.database.db, systemClock, { to: "b@example.jp", subject: "佐賀", text: "x" });
    services.wakeOutbox();
    const outbox = path.join(dataDir, "outbox");
    const fromOf = (to: string) => {
      const file = readdirSync(outbox)
        .map((f) => readFileSync(path.join(outbox, f), "utf8"))
        .find((m) => m.includes(`To: ${to}`));
      return file && /^From: (.*)$/m.exec(file)?.[1];
    };
    await vi.waitFor(() => expect(readdirSync(outbox).length).toBe(2), { timeout: 10_000 });
    expect(fromOf("a@example.jp")).toBe("Chiiki <no-reply@chiiki.example.jp>");
    expect(fromOf("b@example.jp")).toMatch(/<office@saga\.example\.jp>$/);
  });
});
