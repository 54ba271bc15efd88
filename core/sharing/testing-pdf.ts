/** PDFs for the sharing tests: Japanese slides, and a file that only pretends to be a PDF. */
import { renderTextPdf } from "./text-pdf.ts";

/** One page per entry, each in large Japanese type, as a speaker's exported slides carry it (landscape by default). */
export function japanesePdf(
  pages: readonly string[] = ["長崎県内のサイバーセキュリティについて"],
  size: [number, number] = [842, 595],
): Promise<Buffer> {
  return renderTextPdf(
    pages.map((page) => [page]),
    size,
  );
}

/** A `%PDF-` header over bytes that are not a PDF: file-type calls it a PDF, no reader opens it. */
export function fakePdf(): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n${"this is not a pdf\n".repeat(40)}`);
}
