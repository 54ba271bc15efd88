/**
 * How the HTTP edge answers a request it refuses before any route runs (a malformed URL or form,
 * a body too large, too many requests, a request no route could be handed): the API gets an
 * RFC 9457 problem document in the caller's language (Japanese unless it asks for English, as
 * the API's own errors), a page gets a small HTML page, in Japanese first and then in English.
 */
import type { Request, Response } from "express";
import { localeFromAcceptLanguage, type Params, translateDynamic } from "../i18n/index.ts";

export type Refuse = (req: Request, res: Response, status: number, code: string, params?: Params) => void;

export const refuse: Refuse = (req, res, status, code, params) => {
  // Too late for an answer of our own (a stream broke mid-way): end the connection instead.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = (locale: "ja" | "en") =>
    translateDynamic(locale, `error.${code}`, status >= 500 ? "error.internal" : "error.bad-request", params);
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  // The whole path: inside a router mounted at /api, `req.path` is the part below it.
  if (/^\/api(\/|$|\?)/i.test(req.originalUrl)) {
    const title = message(localeFromAcceptLanguage(req.headers["accept-language"]));
    res
      .type("application/problem+json; charset=utf-8")
      .send(JSON.stringify({ type: "about:blank", title, status, code }));
    return;
  }
  const ja = escapeHtml(message("ja"));
  const en = escapeHtml(message("en"));
  res
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${ja} / ${en}</title></head><body><main><h1>${ja}</h1><p lang="en">${en}</p>` +
        `<p><a href="/">ホームへ戻る</a> · <a href="/" lang="en">Back to home</a></p><p><small>HTTP ${status} · ${escapeHtml(code)}</small></p></main></body></html>`,
    );
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
