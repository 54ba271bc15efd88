/**
 * How the file routes (material files, page images, post attachments) answer a refusal: the
 * status the error's code decides, with its message as plain text in the reader's language (a
 * file link opened in a tab shows it), never cached.
 */
import type { AppError } from "#core/shared/errors.ts";
import { describeError } from "../lib/http.server.ts";
import type { RequestState } from "../context.ts";

export function fileRefusal(state: RequestState, error: AppError): Response {
  return new Response(`${describeError(error, state.locale).message}\n`, {
    status: error.status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
