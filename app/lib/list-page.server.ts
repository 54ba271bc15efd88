import { isAppError } from "#core/shared/errors.ts";
import type { RequestState } from "../context.ts";
import { describeError, type FormFailure } from "./http.server.ts";

/**
 * Runs a filtered list query for a page whose filters are a GET form. Bad filters (a malformed
 * date, an unknown status) come back as a failure to show beside the fields, with its 4xx status,
 * instead of an error page.
 */
export async function runListQuery<T>(
  state: RequestState,
  url: URL,
  run: (query: Record<string, string>) => Promise<T>,
): Promise<{ result: T | null; failure: FormFailure | null; status: number }> {
  // Empty filter fields are sent by a GET form as `name=`; they mean "no filter".
  const query = Object.fromEntries([...url.searchParams].filter(([, value]) => value.trim() !== ""));
  try {
    return { result: await run(query), failure: null, status: 200 };
  } catch (error) {
    if (!isAppError(error) || error.code !== "validation-failed") throw error;
    return {
      result: null,
      failure: { ok: false, ...describeError(error, state.locale), values: Object.fromEntries(url.searchParams) },
      status: error.status,
    };
  }
}
