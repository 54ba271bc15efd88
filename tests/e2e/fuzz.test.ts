/**
 * Issue 13, "Keep it closed": a fuzz test against the built app. Every OpenAPI operation (read
 * from /api/openapi.json) and every page and page action (the route table), anonymous and as
 * each role (sessions and API tokens of the sharing world), with malformed bodies, types,
 * encodings, sizes, headers, cookies and paths. Any 5xx, or an answer that does not come within
 * the per-request timeout, fails the test, which prints each such request.
 *
 * Rate limits are off for most of it (or it would test only 429s); then a second process over the
 * same database, with them on, is fuzzed on the public routes. The run is reproducible:
 * FUZZ_SEED=… repeats one (the seed is printed with every failure); FUZZ_REQUESTS=… changes its size.
 */
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createSurvey } from "../../core/surveys/create-survey.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, startAppServer } from "../support/server.ts";
import { loadRouteTable, type RouteEntry } from "./route-table.ts";
import { openSharingWorld, roles, type SharingE2eWorld } from "./sharing-world.ts";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3200);
const LIMITED_REQUESTS = 250;
const CONCURRENCY = 6;
const TIMEOUT_MS = 15_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** One generated request, printable as the reproduction of a failure. */
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** Who sent it and what the body is, for the report (a FormData has no text of its own). */
  describe: string;
}
type BodyPart = { headers: Record<string, string>; body?: FuzzRequest["body"]; describe: string };
/** A request before it is given an identity. */
interface Draft {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodyPart;
}
/** Who asks: a session cookie, a token, nothing, or something that only looks like one. */
interface Identity {
  name: string;
  headers: Record<string, string>;
}

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema?: JsonSchema }[];
  body?: JsonSchema;
}
type JsonSchema = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Values: the kinds of input the review sent (and a few more).

const nastyStrings = [
  "",
  " ",
  "x".repeat(5000),
  "あ".repeat(3000),
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "9".repeat(400),
  "0x10",
  "true",
  "null",
  "2024-02-30",
  "2024-13-01",
  "0000-00-00",
  "9999-12-31T99:99:99Z",
  "2021-01-27T06:00:00Z",
  "2021-01-27",
  "令和3年1月27日",
  "-0001-01-01",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  "${7*7}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "%00",
  "\u0000",
  "\r\nSet-Cookie: x=1",
  "\t",
  "🙂".repeat(50),
  "\ud800",
  "ｅｘａｍｐｌｅ",
  "a@b",
  "a@b.jp",
  "javascript:alert(1)",
  "http://127.0.0.1/",
  '=HYPERLINK("x")',
  "CLEAR",
  "GREEN",
  "AMBER",
  "RED",
  "member",
  "secretariat",
  "draft",
  "published",
  "on",
  "off",
  "1",
  "[]",
  "{}",
  "%ZZ",
  "/%09/evil.example",
];
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    ...nastyStrings,
    null,
    0,
    -1,
    1,
    0.5,
    -0,
    2 ** 31,
    2 ** 53 + 2,
    1e308,
    -1e308,
    true,
    false,
    [],
    {},
    [1, 2],
    [null],
    { a: 1 },
    ["x", "y"],
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.integer(),
  fc.double(),
);
const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
);

/** Values that follow a JSON Schema, or come close, or ignore it: a mutation in most objects. */
function fromSchema(schema: JsonSchema | undefined, spec: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return nastyValue;
  if (schema.$ref) return fromSchema(resolveRef(spec, schema.$ref), spec, depth + 1);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v: JsonSchema) => fromSchema(v, spec, depth + 1)));
  if (schema.allOf) return fromSchema(Object.assign({}, ...schema.allOf), spec, depth + 1);
  if (schema.const !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, nastyValue);
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, nastyValue);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const conforming = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case "object": {
        const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
        if (!properties.length) return fc.dictionary(fc.string({ maxLength: 8 }), nastyValue, { maxKeys: 3 });
        return fc.record(
          Object.fromEntries(properties.map(([key, value]) => [key, fromSchema(value, spec, depth + 1)])),
          { requiredKeys: [] },
        );
      }
      case "array":
        return fc.array(fromSchema(schema.items, spec, depth + 1), { maxLength: 3 });
      case "integer":
      case "number":
        return fc.oneof(fc.integer({ min: -5, max: 500 }), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, 1e308, 0.5));
      case "boolean":
        return fc.boolean();
      case "string":
        if (schema.format === "date")
          return fc.constantFrom("2021-01-27", "2024-02-30", "2099-12-31", "1900-01-01", "21-1-27");
        if (schema.format === "date-time")
          return fc.constantFrom(
            "2099-01-27T15:00:00+09:00",
            "2021-01-27T06:00:00.000Z",
            "2024-02-30T25:61:00Z",
            "2099-01-27T15:00",
          );
        if (schema.format === "email")
          return fc.constantFrom("fuzz@example.jp", "not-an-email", "a@b", "UPPER@EXAMPLE.JP");
        return fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...nastyStrings));
      default:
        return nastyValue;
    }
  })();
  return fc.oneof({ weight: 5, arbitrary: conforming }, { weight: 1, arbitrary: nastyValue });
}

function resolveRef(spec: JsonSchema, ref: string): JsonSchema {
  return (
    ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((node: any, key) => node?.[decodeURIComponent(key)], spec) ?? {}
  );
}

// ---------------------------------------------------------------------------------------------
// Bodies, paths, headers.

const FORM_FIELDS = [
  "intent",
  "email",
  "name",
  "title",
  "body",
  "password",
  "passwordConfirm",
  "currentPassword",
  "newPassword",
  "code",
  "totpURI",
  "token",
  "redirectTo",
  "locale",
  "tlp",
  "kind",
  "status",
  "audience",
  "startsAt",
  "endsAt",
  "capacity",
  "seatType",
  "organisation",
  "organisationId",
  "sector",
  "consent",
  "consentShown",
  "answers.q1",
  "confirm",
  "role",
  "scopeId",
  "subject",
  "bodyTemplate",
  "scheduledAt",
  "groupId",
  "id",
  "ids",
  "page",
  "pages",
  "answers",
  "fy",
  "text",
  "url",
  "defaultTlp",
  "scope",
  "downloadAllowed",
  "ticketCode",
  "reason",
  "file",
  "community",
  "minutesMarkdown",
  "decisions.0.text",
  "reading",
  "membership",
  "prefecture",
  "value",
  "key",
  "label",
  "waitlist",
  "question",
  "__proto__",
];
const formFields = fc.array(
  fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FORM_FIELDS) }, fc.string({ maxLength: 10 })),
    nastyText,
  ),
  { maxLength: 8 },
);

function multipart(fields: [string, string][], file: Uint8Array | null, fileName: string): FormData {
  const form = new FormData();
  for (const [key, value] of fields) form.append(key, value);
  if (file) form.append("file", new Blob([new Uint8Array(file)], { type: "application/octet-stream" }), fileName);
  return form;
}

const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc.constant(new TextEncoder().encode("%PDF-1.7\n this is not a PDF at all")),
  fc.constant(new TextEncoder().encode("PK\u0003\u0004 not a zip")),
  fc.constant(new TextEncoder().encode('名前,メール\n=1+1,a@b.jp\n"unterminated')),
  fc.constant(new Uint8Array()),
);
const fileName = fc.constantFrom(
  "a.pdf",
  "a.xlsx",
  "a.csv",
  "a.mp4",
  "a.png",
  "../../x.pdf",
  "名前.pdf",
  "",
  "a\u0000.pdf",
  "x".repeat(300),
);

const ODD_BODIES: BodyPart[] = [
  { headers: { "Content-Type": "text/plain" }, body: "email=a@b.jp", describe: "text/plain" },
  { headers: { "Content-Type": "application/json" }, body: '{"broken":', describe: "broken json" },
  { headers: { "Content-Type": "application/json" }, body: "", describe: "empty json" },
  {
    headers: { "Content-Type": "application/json; charset=shift_jis" },
    body: '{"name":"\x82\xa0"}',
    describe: "json shift_jis",
  },
  { headers: { "Content-Type": "application/json" }, body: "[".repeat(5000), describe: "deep json" },
  {
    headers: { "Content-Type": "application/json" },
    body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
    describe: "proto json",
  },
  {
    headers: { "Content-Type": "multipart/form-data" },
    body: "--x\r\n\r\n--x--",
    describe: "multipart without boundary",
  },
  {
    headers: { "Content-Type": "multipart/form-data; boundary=zz" },
    body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end',
    describe: "truncated multipart",
  },
  { headers: { "Content-Type": "multipart/form-data; boundary=zz" }, body: "", describe: "empty multipart" },
  {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "%ZZ=%&a=%E0%A4%A&&==",
    describe: "bad urlencoding",
  },
  {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `a=${"x".repeat(1_000_000)}`,
    describe: "1 MB field",
  },
  {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: Array.from({ length: 5000 }, (_, i) => `k${i}=v`).join("&"),
    describe: "5000 fields",
  },
  {
    headers: { "Content-Type": "application/octet-stream" },
    body: new Uint8Array([0, 255, 1, 254]),
    describe: "octet-stream",
  },
  { headers: { "Content-Type": "" }, body: "x=1", describe: "empty content-type" },
  { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: undefined, describe: "no body" },
  { headers: {}, body: undefined, describe: "nothing" },
];

/** A body of every kind a client can send to a route, whatever the route expects. */
function anyBody(jsonBody: fc.Arbitrary<unknown>): fc.Arbitrary<BodyPart> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: jsonBody.map(
        (value): BodyPart => ({
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(value) ?? "null",
          describe: `json ${JSON.stringify(value)?.slice(0, 300)}`,
        }),
      ),
    },
    {
      weight: 3,
      arbitrary: formFields.map((fields): BodyPart => {
        const text = new URLSearchParams(fields).toString();
        return {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: text,
          describe: `form ${text.slice(0, 300)}`,
        };
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(formFields, fc.option(fileBytes), fileName).map(
        ([fields, file, name]): BodyPart => ({
          headers: {},
          body: multipart(fields, file, name),
          describe: `multipart ${JSON.stringify(fields).slice(0, 200)} file=${file ? `${name} (${file.length} bytes)` : "none"}`,
        }),
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_BODIES) },
  );
}
const anyNastyBody = anyBody(nastyValue);

const paramValue = (known: string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...known) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "0",
        "-1",
        "1e309",
        "99999999999999999999",
        "null",
        "undefined",
        "..",
        ".",
        "%2e%2e",
        "%2F",
        "%00",
        "%ZZ",
        "x".repeat(3000),
        "2021",
        "2099",
        "R3",
        "✓",
        "%E5%90%8D",
      ),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
  );

const PARAM = /\{(\w+)\}|:(\w+)\??|\*/g;
function fillPath(pattern: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const count = [...pattern.matchAll(PARAM)].length;
  if (!count) return fc.constant(pattern);
  return fc.array(value, { minLength: count, maxLength: count }).map((values) => {
    let i = 0;
    return pattern.replace(PARAM, () => values[i++]!);
  });
}

const QUERY_NAMES = [
  "q",
  "limit",
  "offset",
  "page",
  "tlp",
  "kind",
  "status",
  "by",
  "question",
  "shared",
  "inline",
  "download",
  "from",
  "to",
  "fy",
  "redirectTo",
  "invitation",
  "sort",
  "order",
  "lang",
  "format",
  "_data",
  "index",
  "_routes",
  "saved",
  "registered",
  "error",
  "token",
];
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 6 })),
      fc.oneof(nastyText, fc.constantFrom("1", "50", "-1", "1e9", "abc", "2021-01-27", "true")),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : ""));

const rawPathNoise = fc.constantFrom(
  "",
  "/",
  "//",
  "/.",
  "/..",
  "%2F..%2F",
  "/%ZZ",
  "/%",
  "/%E0%A4%A",
  "/%00",
  ";jsessionid=1",
  "/index.html",
  ".data",
  "/_root.data",
  ".json",
  "~",
  "/%2e%2e/%2e%2e/etc/passwd",
);

/** A few odd headers (most requests carry none), each of which may change how a route answers. */
function extraHeaders(baseUrl: string): fc.Arbitrary<Record<string, string>> {
  const choices: Record<string, string[]> = {
    "Accept-Language": ["ja", "en", "en-US,en;q=0.9", "*", "zz", "ja;q=abc", "x".repeat(500)],
    Accept: ["*/*", "text/html", "application/json", "application/problem+json", "text/x-component", "image/*"],
    Range: ["bytes=0-10", "bytes=999999999-", "bytes=abc", "bytes=5-1", "bytes=0-0,1-1,2-2", "bytes=-1"],
    "If-None-Match": ["*", '"x"', 'W/"1"'],
    "If-Modified-Since": ["Wed, 21 Oct 2015 07:28:00 GMT", "garbage"],
    "X-Forwarded-For": ["1.2.3.4", "evil, 127.0.0.1", "::1", "not-an-ip"],
    "X-Forwarded-Proto": ["https", "gopher"],
    "X-Forwarded-Host": ["evil.example"],
    Origin: [baseUrl, "https://evil.example", "null"],
    "Sec-Fetch-Site": ["same-origin", "cross-site", "none"],
  };
  const one = fc.constantFrom(
    ...Object.entries(choices).flatMap(([name, values]) => values.map((v) => [name, v] as const)),
  );
  return fc.array(one, { maxLength: 3 }).map((pairs) => Object.fromEntries(pairs));
}

const cookieNoise = fc.constantFrom(
  "",
  "",
  "",
  "chiiki_lang=en",
  "chiiki_lang=%E0%A4%A",
  "chiiki_lang=%",
  "chiiki.session_token=junk",
  "chiiki.session_token=%ZZ",
  `chiiki.session_token=${"x".repeat(4000)}`,
  "=;;=;",
  'a="unterminated',
  "chiiki_survey_x=%",
  "__proto__=1",
);

// ---------------------------------------------------------------------------------------------
// Requests.

interface World {
  baseUrl: string;
  spec: JsonSchema;
  operations: Operation[];
  pages: RouteEntry[];
  identities: Identity[];
  known: string[];
}

function operationsOf(spec: JsonSchema): Operation[] {
  return Object.entries(spec.paths as Record<string, Record<string, JsonSchema>>).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.["application/json"]?.schema,
      })),
  );
}

const withoutBody = (method: string) => method === "GET" || method === "HEAD";

/** Requests for one API operation: its parameters and body from its schemas, mutated. */
function apiDrafts(world: World, op: Operation): fc.Arbitrary<Draft> {
  const query = op.parameters.filter((p) => p.in === "query");
  const queryArb = fc
    .record(Object.fromEntries(query.map((p) => [p.name, fc.oneof(fromSchema(p.schema, world.spec), nastyText)])), {
      requiredKeys: [],
    })
    .map((values) => {
      const pairs = Object.entries(values).flatMap(([k, v]) =>
        Array.isArray(v)
          ? v.map((one) => [k, String(one)])
          : [[k, typeof v === "object" ? JSON.stringify(v) : String(v)]],
      );
      return pairs.length ? `?${new URLSearchParams(pairs as [string, string][])}` : "";
    });
  const body = op.body
    ? anyBody(fromSchema(op.body, world.spec))
    : fc.oneof({ weight: 3, arbitrary: fc.constant<BodyPart>({ headers: {}, describe: "no body" }) }, anyNastyBody);
  const method = fc.oneof(
    { weight: 9, arbitrary: fc.constant(op.method) },
    fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
  );
  return fc
    .tuple(fillPath(op.path, paramValue(world.known)), queryArb, method, body, extraHeaders(world.baseUrl))
    .map(([path, q, m, b, headers]) => ({ method: m, path: path + q, headers, body: b }));
}

const AUTH_ENDPOINTS = [
  "sign-in/email",
  "sign-in%2Fmagic-link",
  "get-session",
  "request-password-reset",
  "reset-password",
  "magic-link/verify",
  "two-factor/verify-totp",
  "sign-up/email",
  "update-user",
  "change-email",
  "list-sessions",
  "ok",
  "error",
];

/** Requests for one page: its loader with odd queries, its action with every kind of body. */
function pageDrafts(world: World, page: RouteEntry): fc.Arbitrary<Draft> {
  const method = page.hasAction
    ? fc.constantFrom("POST", "POST", "POST", "GET", "PUT", "PATCH", "DELETE")
    : fc.constantFrom("GET", "GET", "HEAD", "POST");
  const path = fillPath(
    page.pattern === "/api/auth/*" ? "/api/auth/:endpoint" : page.pattern,
    paramValue([...world.known, ...AUTH_ENDPOINTS]),
  );
  return fc
    .tuple(
      path,
      fc.constantFrom("", "", "", ".data", "?index"),
      queryString,
      method,
      anyNastyBody,
      extraHeaders(world.baseUrl),
    )
    .map(([p, suffix, q, m, body, headers]) => ({
      method: m,
      path: (suffix === ".data" ? `${p === "/" ? "/_root" : p}.data` : p + suffix) + q,
      headers,
      body,
    }));
}

/** Paths anyone may type: noise around real routes. */
function randomDrafts(world: World): fc.Arbitrary<Draft> {
  const base = fc.constantFrom(
    ...world.pages.map((p) => p.pattern.replace(/:(\w+)\??|\*/g, "x")),
    "/api/v1",
    "/api",
    "/assets",
    "/favicon.ico",
    "/healthz",
  );
  return fc
    .tuple(
      base,
      rawPathNoise,
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
      queryString,
      fc.constantFrom("GET", "POST", "HEAD", "OPTIONS", "PUT"),
      extraHeaders(world.baseUrl),
      anyNastyBody,
    )
    .map(([b, noise, tail, q, m, headers, body]) => ({
      method: m,
      path: `${b}${noise}${tail ? `/${tail}` : ""}${q}`,
      headers,
      body,
    }));
}

/** A draft sent by someone: a browser on our pages sends our Origin, unless the draft's headers say otherwise. */
function sentBy(world: World, draft: Draft, who: Identity): FuzzRequest {
  return {
    method: draft.method,
    path: draft.path,
    headers: { Origin: world.baseUrl, ...draft.headers, ...who.headers, ...draft.body.headers },
    body: withoutBody(draft.method) ? undefined : draft.body.body,
    describe: `${who.name}; ${draft.body.describe}`,
  };
}

function identityArb(world: World): fc.Arbitrary<Identity> {
  return fc.tuple(fc.constantFrom(...world.identities), cookieNoise).map(([who, noise]) => {
    if (!noise) return who;
    const cookie = [who.headers.Cookie, noise].filter(Boolean).join("; ");
    return { name: `${who.name} + cookie ${noise.slice(0, 40)}`, headers: { ...who.headers, Cookie: cookie } };
  });
}

/** A sweep over every operation and page for every identity, then generated requests up to `count`. */
function generate(world: World, count: number, seed: number): FuzzRequest[] {
  const drafts = [
    ...world.operations.map((op) => apiDrafts(world, op)),
    ...world.pages.map((page) => pageDrafts(world, page)),
  ];
  const sweep = drafts.flatMap((arb, i) =>
    fc
      .sample(arb, { numRuns: world.identities.length, seed: seed + i })
      .map((draft, j) => sentBy(world, draft, world.identities[j]!)),
  );
  const mixed = fc
    .tuple(
      fc.oneof({ weight: 9, arbitrary: fc.oneof(...drafts) }, { weight: 1, arbitrary: randomDrafts(world) }),
      identityArb(world),
    )
    .map(([draft, who]) => sentBy(world, draft, who));
  const rest = Math.max(0, count - sweep.length);
  return [...sweep, ...(rest ? fc.sample(mixed, { numRuns: rest, seed }) : [])];
}

interface Failure {
  request: FuzzRequest;
  outcome: string;
}

/** Sends every request (a few at a time, over kept-alive connections); a 5xx or a timeout is a failure. */
async function run(
  baseUrl: string,
  requests: FuzzRequest[],
): Promise<{ failures: Failure[]; statuses: Map<number, number> }> {
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const send = (r: FuzzRequest) =>
    fetch(baseUrl + r.path, {
      method: r.method,
      headers: r.headers,
      body: r.body as BodyInit | undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).then(async (response) => ({ status: response.status, text: await response.text() }));
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!;
      for (let attempt = 1; ; attempt++) {
        try {
          const { status, text } = await send(r);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push({ request: r, outcome: `${status}: ${text.slice(0, 300)}` });
        } catch (error) {
          const cause = (error as { cause?: Error & { code?: string } }).cause;
          const reset = /EPIPE|ECONNRESET|closed|other side/i.test(`${cause?.code} ${cause?.message}`);
          // Node answers a request head over its 16 KB limit with 431 and closes the connection: a
          // client still sending the body may see the connection break instead.
          const headTooLarge =
            r.path.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0) > 16 * 1024;
          if (reset && headTooLarge) break;
          // A kept-alive connection the server closed as idle just as it was reused: once more, on a fresh one.
          if (reset && attempt === 1) continue;
          if ((error as Error).name === "TimeoutError")
            failures.push({ request: r, outcome: `no answer within ${TIMEOUT_MS} ms` });
          // fetch itself refuses some generated requests (a header value it cannot send): nothing reached the server.
          else if (!(error instanceof TypeError && !cause))
            failures.push({
              request: r,
              outcome: `connection failed: ${(error as Error).message} ${cause?.message ?? ""}`,
            });
        }
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { failures, statuses };
}

function report(failures: Failure[], seed: number, output: string): string {
  const lines = failures.slice(0, 40).map(({ request: r, outcome }) => {
    const headers = Object.entries(r.headers)
      .map(([k, v]) => `${k}: ${v.slice(0, 120)}`)
      .join(" | ");
    return `${r.method} ${r.path.slice(0, 300)}\n    headers: ${headers}\n    body: ${r.describe.slice(0, 400)}\n    → ${outcome.replace(/\s+/g, " ")}`;
  });
  const errors = output
    .split("\n")
    .filter((line) => /"level":50|Error/.test(line))
    .slice(-30)
    .join("\n");
  return `${failures.length} request(s) failed (FUZZ_SEED=${seed}):\n${lines.join("\n")}\n\nserver errors:\n${errors}`;
}

/** Requests the fetch API cannot make (a malformed request line or framing), sent over a socket. */
const RAW_REQUESTS = [
  "GET /%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET http://evil.example/events HTTP/1.1\r\nHost: evil.example\r\n\r\n",
  "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET //evil.example/sign-in HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /events\\..\\ HTTP/1.1\r\nHost: x\r\n\r\n",
  "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\nContent-Length: 3\r\n\r\nabc",
  "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: -1\r\n\r\n",
  "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
  "POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n3\r\na=1\r\n0\r\n\r\n",
  "GET /sign-in HTTP/1.1\r\nHost: x\r\nCookie: chiiki_lang=\u00ff\u00fe\r\n\r\n",
  "GET /sign-in HTTP/1.1\r\nHost: x\r\nAccept-Language: \u00e9\u00e9\r\n\r\n",
  "GET /sign-in?redirectTo=%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
  "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \r\n\r\n",
  "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a b c\r\n\r\n",
  "GET / HTTP/1.0\r\n\r\n",
  "DELETE /events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
];

/** The status line's code, or null when the server's HTTP parser refused by closing the connection. */
function rawStatus(port: number, text: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(
      () => (socket.destroy(), reject(new Error(`no answer within ${TIMEOUT_MS} ms to ${JSON.stringify(text)}`))),
      TIMEOUT_MS,
    );
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (status) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => (clearTimeout(timer), resolve(null)));
    socket.write(Buffer.from(text, "latin1"));
  });
}

describe.each(testDatabases)("fuzz on %s", (kind) => {
  let app: AppServer;
  let w: SharingE2eWorld;
  let world: World;
  /** A second process over the same database with rate limits on, started while the first is fuzzed. */
  let limitedServer: Promise<AppServer>;

  beforeAll(async () => {
    app = await startAppServer({ database: kind, rateLimits: false, env: { CHIIKI_WORKER: "off" } });
    limitedServer = startAppServer(
      kind === "postgres"
        ? { databaseUrl: app.databaseUrl, env: { CHIIKI_WORKER: "off" } }
        : { dataDir: app.dataDir, env: { CHIIKI_WORKER: "off" } },
    );
    limitedServer.catch(() => {}); // awaited (and its failure reported) by the test that uses it
    w = await openSharingWorld(app);
    const deps = { db: w.services.database.db, clock: systemClock };
    const sec = w.world.actors.secretariat;
    const token = async (role: "secretariat" | "member", scopeId?: string) =>
      (await createApiToken(deps, sec, { name: `fuzz ${role}`, role, scopeId })).token;
    const survey = (
      await createSurvey({ ...deps, dialect: w.services.database.dialect, baseUrl: app.baseUrl }, sec, {
        title: "実態把握調査",
        template: "regional-standard",
        talks: [],
      })
    ).id;
    const spec = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as JsonSchema;
    const identities: Identity[] = [
      ...roles.map((role) => ({
        name: role,
        headers: w.cookies[role] ? { Cookie: w.cookies[role]! } : ({} as Record<string, string>),
      })),
      { name: "secretariat token", headers: { Authorization: `Bearer ${await token("secretariat")}` } },
      { name: "member token", headers: { Authorization: `Bearer ${await token("member", w.world.orgA)}` } },
      { name: "junk token", headers: { Authorization: "Bearer chiiki_junk" } },
      { name: "junk cookie", headers: { Cookie: "chiiki.session_token=junk.junk" } },
    ];
    world = {
      baseUrl: app.baseUrl,
      spec,
      operations: operationsOf(spec),
      // Signing out would end the sessions the rest of the run uses.
      pages: (await loadRouteTable()).filter((r) => r.pattern !== "/sign-out"),
      identities,
      known: [
        ...Object.values(w.ids),
        w.world.eventId,
        w.world.orgA,
        w.world.orgB,
        w.world.groupId,
        survey,
        ...Object.values(w.tokens),
        ...Object.values(w.world.people),
        "2020",
        "2021",
        "venue",
        "online",
      ],
    };
  });
  afterAll(async () => {
    await (await limitedServer?.catch(() => null))?.stop();
    await w?.services.close();
    await app?.stop();
  });

  it(`answers ${REQUESTS} generated requests over every operation, page and role without a 5xx or a hang`, async () => {
    const requests = generate(world, REQUESTS, SEED);
    expect(requests.length).toBeGreaterThanOrEqual(3000);
    const { failures, statuses } = await run(app.baseUrl, requests);
    const raw = await Promise.all(
      RAW_REQUESTS.map(async (text) => ({ text, status: await rawStatus(app.port, text) })),
    );
    const rawFailures = raw.filter((r) => r.status !== null && r.status >= 500);
    expect(
      failures.length + rawFailures.length,
      `${report(failures, SEED, app.output())}\nraw: ${JSON.stringify(rawFailures)}`,
    ).toBe(0);
    // The run reached the routes: most requests were answered by them, not refused at the door.
    const atTheDoor = [400, 403, 413, 415, 431].reduce((n, status) => n + (statuses.get(status) ?? 0), 0);
    expect(atTheDoor, JSON.stringify([...statuses])).toBeLessThan(requests.length / 2);
  }, 240_000);

  it(`answers ${LIMITED_REQUESTS} requests to the public routes with rate limits on without a 5xx (429s are fine)`, async () => {
    const limited = await limitedServer;
    const publicOperations = world.operations.filter(
      (op) => op.method === "POST" && /registrations$|responses$/.test(op.path),
    );
    const publicPages = world.pages.filter((p) =>
      [
        "/sign-in",
        "/sign-in/magic-link",
        "/forgot-password",
        "/events/:id/register",
        "/s/:id",
        "/lang",
        "/api/auth/*",
        "/setup",
        "/invite/:token",
      ].includes(p.pattern),
    );
    expect(publicPages.length).toBeGreaterThanOrEqual(8);
    const here = {
      ...world,
      baseUrl: limited.baseUrl,
      identities: world.identities.filter((i) => /anonymous|junk/.test(i.name)),
    };
    const drafts = fc.oneof(
      ...publicOperations.map((op) => apiDrafts(here, op)),
      ...publicPages.map((page) => pageDrafts(here, page)),
    );
    const requests = fc.sample(
      fc.tuple(drafts, fc.constantFrom(...here.identities)).map(([draft, who]) => sentBy(here, draft, who)),
      { numRuns: LIMITED_REQUESTS, seed: SEED + 1 },
    );
    const { failures, statuses } = await run(limited.baseUrl, requests);
    expect(failures.length, report(failures, SEED + 1, limited.output())).toBe(0);
    expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
