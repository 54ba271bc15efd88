/**
 * Camera check-in as staff meet it on a phone: Chromium's fake camera shows the ticket's QR code,
 * the page decodes it with jsQR (not BarcodeDetector, which Safari and Firefox lack) and checks
 * the registrant in through the ordinary form.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { afterAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { expectNoAxeViolations, screenshot, setUpSecretariat, useBrowser } from "../support/browser.ts";
import { testDatabases } from "../support/databases.ts";
import { useAppServer } from "../support/server.ts";

const dir = mkdtempSync(path.join(tmpdir(), "fake-camera-"));
const cameraFile = path.join(dir, "qr.y4m");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A still video (YUV 4:2:0, the format Chromium's fake camera reads) of a QR code on white. */
function writeQrVideo(file: string, text: string): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const cell = Math.floor(360 / (count + 8));
  const left = Math.floor((width - cell * count) / 2);
  const top = Math.floor((height - cell * count) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let y = 0; y < cell; y++)
        luma.fill(
          16,
          (top + row * cell + y) * width + left + col * cell,
          (top + row * cell + y) * width + left + (col + 1) * cell,
        );
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma, chroma]);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]),
  );
}

describe.each(testDatabases)("camera check-in on %s", (database) => {
  const app = useAppServer({ database, rateLimits: false });
  const browser = useBrowser({
    extraArgs: [
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${cameraFile}`,
    ],
  });

  it("a phone's camera reads the ticket's QR code and the registrant is checked in, with the time on the badge", async () => {
    const token = (
      await createApiToken(
        { db: app.db(), clock: systemClock },
        { kind: "system", name: "camera-e2e" },
        { name: "camera e2e", role: "secretariat" },
      )
    ).token;
    const call = async (url: string, body?: unknown) => {
      const response = await fetch(`${app.baseUrl}${url}`, {
        method: body ? "POST" : "GET",
        headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const event = await call("/api/v1/events", {
      title: "受付カメラのセミナー",
      startsAt: "2099-01-27T15:00:00+09:00",
      endsAt: "2099-01-27T17:00:00+09:00",
      audience: "public",
      seatTypes: [{ key: "venue", label: "会場", capacity: 10, waitlist: true }],
    });
    await call(`/api/v1/events/${String(event.id)}/registrations`, {
      name: "出島 一郎",
      email: "camera@example.jp",
      seatType: "venue",
    });
    const list = await call(`/api/v1/events/${String(event.id)}/registrations`);
    const ticketCode = (list.items as { ticketCode: string }[])[0]!.ticketCode;
    writeQrVideo(cameraFile, ticketCode);

    const page = await browser.newPage({ viewport: "phone" });
    await setUpSecretariat(page, app.baseUrl, {
      community: "長崎地域SECURITY",
      name: "受付 花子",
      email: "desk@example.jp",
      password: "出島の夜景は百万ドル 2021",
    });
    await page.context().grantPermissions(["camera"], { origin: app.baseUrl });
    await page.goto(`${app.baseUrl}/events/manage/${String(event.id)}/checkin`);
    await page.getByRole("button", { name: "QR コードを読み取る" }).click();
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 15_000 })
      .toContain("出島 一郎 様を受付しました。");
    await expect.poll(() => page.locator("main").textContent()).toContain("会場: 受付済み 1 / 参加確定 1");
    await expectNoAxeViolations(page);
    await screenshot(page, `checkin-camera-${database}`);

    await page.goto(`${app.baseUrl}/events/manage/${String(event.id)}/checkin?q=${encodeURIComponent("出島")}`);
    // The badge carries the time of the check-in (Japan time), not an empty "受付済み（）".
    await expect.poll(() => page.locator(".badge--sent").textContent()).toMatch(/^受付済み（.+\d{1,2}:\d{2}）$/);
  });
});
