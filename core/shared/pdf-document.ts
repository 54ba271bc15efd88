/**
 * Opening a PDF with pdf.js (Apache-2.0, the engine of Firefox's viewer) in Node: the uploads
 * check that a PDF really opens, and view-only material is rendered from it. Its CMaps, standard
 * fonts and decoders come from the npm package; nothing outside npm is needed.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "./errors.ts";

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve("pdfjs-dist/package.json"));

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjs: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((module) => {
    // In Node pdf.js runs its "worker" in the same thread; it is found by file URL, not bundled.
    module.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(pdfjsDir, "legacy/build/pdf.worker.mjs")).href;
    return module;
  });
  return pdfjs;
}

export type PdfJsDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

/** Opens a PDF; one pdf.js cannot open (damaged, not a PDF, locked with a password) is `file-unreadable`. */
export async function openPdf(bytes: Uint8Array): Promise<{ doc: PdfJsDocument; close: () => Promise<void> }> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    cMapUrl: path.join(pdfjsDir, "cmaps") + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsDir, "standard_fonts") + path.sep,
    wasmUrl: path.join(pdfjsDir, "wasm") + path.sep,
    iccUrl: path.join(pdfjsDir, "iccs") + path.sep,
    enableXfa: false,
    verbosity: 0,
  });
  try {
    return { doc: await task.promise, close: () => task.destroy() };
  } catch (error) {
    await task.destroy();
    throw new AppError("file-unreadable", { cause: error });
  }
}

/** Each page's size in points; a file whose pages do not parse is `file-unreadable`. */
export async function pdfPageSizes(bytes: Uint8Array): Promise<{ width: number; height: number }[]> {
  const { doc, close } = await openPdf(bytes);
  try {
    const sizes: { width: number; height: number }[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const viewport = (await doc.getPage(number)).getViewport({ scale: 1 });
      sizes.push({ width: viewport.width, height: viewport.height });
    }
    return sizes;
  } catch (error) {
    throw new AppError("file-unreadable", { cause: error });
  } finally {
    await close();
  }
}
