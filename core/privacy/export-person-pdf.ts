import PDFDocument from "pdfkit";
import { createTranslate } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { notoSansJp } from "../reports/render-chart.ts";
import type { PrivacyDeps } from "./deps.ts";
import { exportPerson } from "./export-person.ts";
import { exportSections } from "./export-sections.ts";
import { pdfBytes } from "../shared/pdf-bytes.ts";

const MARGIN = 56;

/** The disclosure as a PDF (Noto Sans JP embedded, subset by pdfkit), in the person's language; logged as the export is. */
export async function exportPersonPdf(
  deps: PrivacyDeps,
  actor: Actor,
  personId: string,
): Promise<{ bytes: Buffer; fileName: string }> {
  const data = await exportPerson(deps, actor, personId);
  const t = createTranslate(data.locale);
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: t("privacy.export.title") },
    lang: data.locale === "en" ? "en" : "ja-JP",
  });
  const done = pdfBytes(doc);
  doc.registerFont("regular", notoSansJp.regular);
  doc.registerFont("bold", notoSansJp.bold);
  const width = doc.page.width - MARGIN * 2;
  doc.font("bold").fontSize(16).fillColor("#111").text(t("privacy.export.title"), { width });
  doc
    .font("regular")
    .fontSize(9.5)
    .fillColor("#444")
    .text(t("privacy.export.generated", { at: formatDateTime(data.exportedAt, data.locale), ref: data.ref }), {
      width,
    });
  for (const section of exportSections(data, t, data.locale)) {
    doc.moveDown(0.8).font("bold").fontSize(12).fillColor("#111").text(section.heading, { width });
    doc.moveDown(0.2).font("regular").fontSize(10).fillColor("#222");
    for (const line of section.lines.length ? section.lines : [t("privacy.export.none")])
      doc.text(line, { width, lineGap: 2 });
    if (section.note) doc.fontSize(9).fillColor("#444").text(section.note, { width });
  }
  doc.end();
  return { bytes: await done, fileName: `personal-data-${data.ref.slice(1)}.pdf` };
}
