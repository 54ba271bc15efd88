/**
 * A Node request as a web Request, and a web Response written back to Node: what the two handlers
 * behind the door (server/api-router.ts for the JSON API, server/page-handler.ts for React Router)
 * share. Built on @react-router/node's stream helpers, in the shape of @react-router/express, with
 * what our edge needs on top:
 *
 * - the URL comes from the configured base URL, never from the Host header a client chose;
 * - a body (a form post, a JSON call) is read into one Buffer and counted as it arrives, so one
 *   sent without a declared length is cut off at the same limit as one with; only the upload
 *   routes stream theirs (an upload is never held in memory);
 * - a form must parse as the form it says it is, and no form field or JSON text may hold a NUL
 *   (PostgreSQL cannot store one; no input of ours means one);
 * - a JSON answer is written at once, while HTML keeps streaming.
 */
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@react-router/node";
import { BufferedRequest } from "./buffered-request.ts";

/** A body over the limit (413). */
export class BodyTooLarge extends Error {}
/** A form body that does not parse as the form it declares, or holds a NUL (400). */
export class MalformedForm extends Error {}
/** JSON text holding a NUL character (400). */
export class InvalidText extends Error {}

/** `\u0000` in JSON text, not preceded by an escaped backslash (`\\u0000` is the six characters themselves). */
const JSON_NUL = /(?<!\\)(?:\\\\)*\\u0000/i;

/**
 * The rest of a refused body is read and dropped (never kept), so that the client, still sending,
 * receives the answer instead of a broken connection (Node's request timeout bounds a body that
 * never ends).
 */
export function discard(req: ExpressRequest): void {
  req.resume();
}

/** What a browser form sends: urlencoded, or multipart with the boundary its parts need. */
export function isFormType(type: string | undefined): boolean {
  if (!type) return false;
  return (
    /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type) ||
    /^multipart\/form-data\s*;(.*;)?\s*boundary=("[^"]+"|[^\s;]+)/i.test(type)
  );
}

/**
 * The web URL of a request: the base URL's origin followed by the target as sent. Only
 * origin-form targets (`/path?query`) have one; resolved against the origin instead, `//host/…`
 * would name another host.
 */
export function urlOf(req: ExpressRequest, origin: string): URL | null {
  return req.originalUrl.startsWith("/") ? new URL(origin + req.originalUrl) : null;
}

export function headersOf(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(key, one);
    else headers.set(key, value);
  }
  return headers;
}

export interface BodyOptions {
  /** Stream the body to the route instead of reading it (uploads, which count their own bytes). */
  stream: boolean;
  /** The most a read body may hold (BodyTooLarge). */
  maxBytes: number;
  /** The body must be the form it declares (MalformedForm). */
  checkForm: boolean;
  /** Keep the read body as a BufferedRequest's buffer (the JSON API reads it through its methods). */
  buffered: boolean;
}

/** The web Request for `req` at `url`, its body read (or streamed) as `body` says. */
export async function toWebRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  url: URL,
  headers: Headers,
  body: BodyOptions,
): Promise<Request> {
  // Loaders see request.signal aborted when the client goes away before the answer is sent.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    if (body.stream) {
      init.body = createReadableStreamFromReadable(req);
      init.duplex = "half";
    } else {
      const bytes = await readBody(req, body.maxBytes);
      if (body.checkForm) await checkForm(bytes, headers.get("content-type")!);
      else if (/json/i.test(headers.get("content-type") ?? "") && JSON_NUL.test(bytes.toString("latin1")))
        throw new InvalidText();
      if (body.buffered) return new BufferedRequest(url, init, bytes);
      init.body = bytes;
    }
  }
  return new Request(url, init);
}

async function checkForm(bytes: Buffer, type: string): Promise<void> {
  const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": type } }).formData().catch(() => {
    throw new MalformedForm();
  });
  for (const [key, value] of form)
    if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) throw new MalformedForm();
}

function readBody(req: ExpressRequest, maxBytes: number): Promise<Buffer<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const onData = (chunk: Uint8Array) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off("data", onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Writes a web Response to Node. A route's header replaces the server's default of the same name
 * (server/http.ts sets a CSP, which a PDF preview route replaces with its own); only Set-Cookie
 * headers add up.
 */
export async function send(res: ExpressResponse, response: Response): Promise<void> {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusCode = response.status;
  res.statusMessage = response.statusText;
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") res.append(key, value);
    else res.setHeader(key, value);
  }
  const type = response.headers.get("content-type") ?? "";
  if (/text\/event-stream/i.test(type)) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  // JSON is never sent progressively: one write instead of a reader loop over a web stream.
  if (/[/+]json\b/i.test(type)) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (res.destroyed || res.writableEnded) return;
    throw error;
  }
}
