/**
 * Calls a Better Auth endpoint as a Response; its APIErrors (thrown for 4xx) become a plain
 * Response with that status, so a use case can turn the status into its own AppError.
 */
export async function callAuth(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error: any) {
    const status =
      typeof error?.statusCode === "number"
        ? error.statusCode
        : typeof error?.status === "number"
          ? error.status
          : null;
    if (status) return new Response(JSON.stringify({ code: error?.body?.code ?? null }), { status });
    throw error;
  }
}

/** Only the Set-Cookie headers of a Better Auth answer: what a page passes on to the browser. */
export function cookiesOf(response: Response): Headers {
  const headers = new Headers();
  for (const cookie of response.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  return headers;
}
