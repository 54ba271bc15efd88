/**
 * The flyer (チラシ): one A4 page made from the event, with Noto Sans JP embedded (pdfkit embeds
 * only the glyphs used) and a vector QR code to the registration page. No system fonts needed.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { formatEraAndWesternDate, formatDateTime } from "../../i18n/dates.ts";
import type { EventView } from "./event-records.ts";
import { pdfBytes } from "../shared/pdf-bytes.ts";

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");
const FONT_BOLD = require.resolve("@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf");

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 42;
const ACCENT = "#0b4f8a";
const INK = "#1a1a1a";
const MUTED = "#555555";

function time(iso: string): string {
  return formatDateTime(iso, "ja").split(" ").pop()!;
}

/** Draws the QR code as filled squares (sharp at any print size). */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const cell = size / (count + 2);
  doc.save().rect(x, y, size, size).fill("#ffffff");
  doc.fillColor("#000000");
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + 1) * cell, y + (row + 1) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill().restore();
}

const BAND_HEIGHT = 150;
const TITLE_TOP = 52;
const THEME_SIZE = 13;
const TITLE_SIZES = [28, 26, 24, 22, 20];

/** The title's size and the band's height that hold the title and theme, wrapped to the page width. */
function headerLayout(doc: PDFKit.PDFDocument, title: string, theme: string | null, width: number) {
  const themeHeight = theme ? doc.font("jp").fontSize(THEME_SIZE).heightOfString(theme, { width }) + 6 : 0;
  const needed = (size: number) =>
    TITLE_TOP + doc.font("jp-bold").fontSize(size).heightOfString(title, { width }) + themeHeight + 16;
  const titleSize = TITLE_SIZES.find((size) => needed(size) <= BAND_HEIGHT) ?? TITLE_SIZES.at(-1)!;
  return { titleSize, bandHeight: Math.max(BAND_HEIGHT, Math.ceil(needed(titleSize))) };
}

export async function renderFlyer(event: EventView, registrationUrl: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: event.title, Author: event.organiser ?? "Chiiki", Subject: event.theme ?? "" },
  });
  doc.registerFont("jp", FONT_REGULAR);
  doc.registerFont("jp-bold", FONT_BOLD);
  const done = pdfBytes(doc);
  const width = A4.width - MARGIN * 2;

  // Header band: fee and organiser, then the title and theme, which wrap inside the band: the
  // title shrinks (down to 20 pt) until both fit the usual band, and the band grows if they still
  // do not, so a long title never pushes the theme out of it.
  const header = headerLayout(doc, event.title, event.theme, width);
  doc.rect(0, 0, A4.width, header.bandHeight).fill(ACCENT);
  doc.fillColor("#ffffff").font("jp").fontSize(11);
  doc.text(
    [event.feeText ? `参加費 ${event.feeText}` : null, event.organiser ? `主催 ${event.organiser}` : null]
      .filter(Boolean)
      .join("　／　"),
    MARGIN,
    28,
    { width },
  );
  doc.font("jp-bold").fontSize(header.titleSize).text(event.title, MARGIN, TITLE_TOP, { width });
  if (event.theme)
    doc
      .font("jp")
      .fontSize(THEME_SIZE)
      .text(event.theme, MARGIN, doc.y + 6, { width });

  // Facts on the left, QR code on the right.
  const qrSize = 140;
  const factsWidth = width - qrSize - 24;
  const bodyTop = header.bandHeight + 18;
  let y = bodyTop + 4;
  const fact = (label: string, value: string) => {
    doc.font("jp-bold").fontSize(12).fillColor(ACCENT).text(label, MARGIN, y, { width: 70 });
    doc
      .font("jp")
      .fontSize(12)
      .fillColor(INK)
      .text(value, MARGIN + 74, y, { width: factsWidth - 74, lineGap: 1 });
    y = doc.y + 9;
  };
  fact(
    "日時",
    `${formatEraAndWesternDate(event.startsAt)}\n${time(event.startsAt)}〜${time(event.endsAt)}${event.receptionAt ? `（受付開始 ${time(event.receptionAt)}）` : ""}`,
  );
  const venue = [event.venueName, event.venueRoom].filter(Boolean).join(" ");
  if (venue)
    fact(
      "会場",
      [venue, event.venueAddress, event.venuePhone ? `TEL ${event.venuePhone}` : null].filter(Boolean).join("\n"),
    );
  if (event.onlineTool) fact("オンライン", `${event.onlineTool}（参加URLはお申込み後にお送りします）`);
  fact("定員", event.seatTypes.map((s) => `${s.label}　${s.capacity}名`).join("\n"));
  if (event.feeText) fact("参加費", event.feeText);
  fact("対象", event.audience === "members" ? "会員限定" : "どなたでもご参加いただけます");

  const qrX = A4.width - MARGIN - qrSize;
  drawQr(doc, registrationUrl, qrX, bodyTop, qrSize);
  doc
    .font("jp-bold")
    .fontSize(10)
    .fillColor(ACCENT)
    .text("お申込みはこちら", qrX, bodyTop + qrSize + 4, { width: qrSize, align: "center" });
  doc
    .font("jp")
    .fontSize(7)
    .fillColor(MUTED)
    .text(registrationUrl, qrX - 20, doc.y + 2, { width: qrSize + 20, align: "center" });
  y = Math.max(y, doc.y) + 14;

  // Programme.
  if (event.sessions.length) {
    doc.rect(MARGIN, y, width, 24).fill("#e8f0f8");
    doc
      .font("jp-bold")
      .fontSize(13)
      .fillColor(ACCENT)
      .text("プログラム", MARGIN + 10, y + 4);
    y += 34;
    event.sessions.forEach((session, i) => {
      const when = session.startsAt
        ? `${time(session.startsAt)}${session.endsAt ? `〜${time(session.endsAt)}` : ""}`
        : "";
      doc
        .font("jp-bold")
        .fontSize(11)
        .fillColor(MUTED)
        .text(`講演${i + 1}　${when}`, MARGIN, y, { width });
      doc
        .font("jp-bold")
        .fontSize(15)
        .fillColor(INK)
        .text(`「${session.title}」`, MARGIN, doc.y + 2, { width });
      for (const speaker of session.speakers) {
        const name = [speaker.affiliation, speaker.title, speaker.name].filter(Boolean).join(" ");
        doc
          .font("jp")
          .fontSize(11.5)
          .fillColor(INK)
          .text(`講師：${name}${speaker.reading ? `（${speaker.reading}）` : ""}`, MARGIN + 12, doc.y + 3, {
            width: width - 12,
          });
      }
      if (session.abstract)
        doc
          .font("jp")
          .fontSize(10.5)
          .fillColor(MUTED)
          .text(session.abstract, MARGIN + 12, doc.y + 4, { width: width - 12, lineGap: 2 });
      y = doc.y + 18;
    });
  }

  if (event.description) {
    doc.font("jp").fontSize(11).fillColor(INK).text(event.description, MARGIN, y, { width, lineGap: 2 });
    y = doc.y + 12;
  }

  // Footer: organiser and co-organisers, pinned to the bottom of the page.
  const footerY = A4.height - MARGIN - 40;
  doc
    .moveTo(MARGIN, footerY)
    .lineTo(A4.width - MARGIN, footerY)
    .lineWidth(0.8)
    .stroke(ACCENT);
  doc.font("jp").fontSize(10).fillColor(INK);
  if (event.organiser) doc.text(`主催：${event.organiser}`, MARGIN, footerY + 8, { width, lineBreak: false });
  if (event.coOrganisers)
    doc.text(`共催・後援：${event.coOrganisers}`, MARGIN, footerY + 22, { width, lineBreak: false });
  doc.end();
  return done;
}
