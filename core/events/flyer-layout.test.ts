/**
 * The flyer as a person sees it: rendered by poppler, a long title and a two-line theme stay
 * inside the coloured band and above the facts.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { EventView } from "./event-records.ts";
import { renderFlyer } from "./render-flyer.ts";

const hasPoppler = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const event: EventView = {
  id: "e1",
  title: "中小企業のためのサイバーセキュリティ対策実践セミナー令和三年度",
  audience: "public",
  theme:
    "最新のサイバー攻撃の実態とセキュリティ対策課題、そして地域の中小企業と支援機関が一体となって取り組む連携のこれから",
  description: null,
  startsAt: "2021-01-27T06:00:00.000Z",
  endsAt: "2021-01-27T08:00:00.000Z",
  receptionAt: null,
  venueName: "ホテルニュー長崎",
  venueRoom: null,
  venueAddress: null,
  venuePhone: null,
  onlineTool: "Webex",
  feeText: "無料",
  organiser: "長崎県情報産業協会",
  coOrganisers: null,
  registrationOpensAt: "2021-01-06T00:00:00.000Z",
  registrationClosesAt: "2021-01-27T03:00:00.000Z",
  status: "published",
  consentText: null,
  questions: [],
  seatTypes: [
    {
      key: "venue",
      label: "会場",
      capacity: 15,
      waitlist: true,
      online: false,
      eligibility: "everyone",
      confirmed: 0,
      waitlisted: 0,
      remaining: 15,
      over: 0,
    },
  ],
  sessions: [],
  feedbackSurveyId: null,
  createdAt: "2021-01-01T00:00:00.000Z",
  updatedAt: "2021-01-01T00:00:00.000Z",
};

describe.skipIf(!hasPoppler)("the flyer's header", () => {
  it("wraps a long title and theme inside the band, above the facts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flyer-"));
    try {
      const pdf = path.join(dir, "flyer.pdf");
      writeFileSync(pdf, await renderFlyer(event, "https://chiiki.example/events/e1/register"));
      // Word boxes in PDF points, as poppler lays the text out.
      const boxes = [
        ...execFileSync("pdftotext", ["-bbox", pdf, "-"])
          .toString()
          .matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)</g),
      ].map((m) => ({ yMin: Number(m[1]), yMax: Number(m[2]), text: m[3]! }));
      const themeEnd = Math.max(
        ...boxes.filter((b) => event.theme!.includes(b.text) && b.text.length > 3).map((b) => b.yMax),
      );
      const facts = boxes.find((b) => b.text === "日時")!;
      expect(themeEnd).toBeLessThan(facts.yMin - 10);
      // Under the theme's last line the page is still the band's blue, not white paper.
      execFileSync("pdftoppm", ["-r", "72", "-png", "-singlefile", pdf, path.join(dir, "page")]);
      const png = PNG.sync.read(readFileSync(path.join(dir, "page.png")));
      const at = (x: number, y: number) =>
        png.data.subarray((Math.round(y) * png.width + x) * 4, (Math.round(y) * png.width + x) * 4 + 3);
      const [r, g, b] = at(20, themeEnd + 4);
      expect(b! > 100 && r! < 60 && g! < 120, `colour under the theme: ${r},${g},${b}`).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
