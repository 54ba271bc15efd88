/**
 * A stricter reading of RFC 5545 than ical.js gives, for the tests of every calendar file the
 * product sends (core/events/event-ics.test.ts, the calendar link's route test).
 *
 * What ical.js lets through but RFC 5545 does not: ical.js throws on a parameter without a value
 * (`ORGANIZER;CN="…"` with no `:mailto:`), but reads `ORGANIZER;CN=x:` (an empty address) and
 * `DTSTART:2021-01-01` (no RFC date) without a word, so those are checked here, on the unfolded lines.
 */
export function strictIssues(input: string | Uint8Array): string[] {
  const issues: string[] = [];
  // A fold between the two halves of a surrogate pair (an emoji) leaves halves that no encoder can write.
  if (typeof input === "string" && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(input))
    issues.push("a fold splits a character (a lone surrogate)");
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const text = new TextDecoder().decode(bytes);
  if (!text.endsWith("\r\n")) issues.push("no CRLF at the end");
  const raw = Buffer.from(bytes).toString("latin1").split("\r\n").slice(0, -1);
  for (const line of raw) {
    const octets = Buffer.from(line, "latin1");
    if (octets.length > 75) issues.push(`line of ${octets.length} octets: ${octets.toString("utf8")}`);
    // A fold inside a multi-byte character leaves bytes that are no UTF-8 on their own.
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(octets);
    } catch {
      issues.push(`a fold splits a character: ${octets.toString("utf8")}`);
    }
  }
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .slice(0, -1);
  const values = new Map<string, string[]>();
  for (const line of lines) {
    // name *(";" param) ":" value, a quoted parameter value may hold ":" and ";".
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
    if (!m) {
      issues.push(`not a content line: ${line}`);
      continue;
    }
    const [name, value] = [m[1]!.toUpperCase(), m[3]!];
    values.set(name, [...(values.get(name) ?? []), value]);
    if (["DTSTART", "DTEND", "DTSTAMP"].includes(name) && !/^\d{8}T\d{6}Z$/.test(value))
      issues.push(`${name} is no UTC date-time: ${value}`);
    if (name === "ORGANIZER" && !/^mailto:[^@\s]+@[^@\s]+$/i.test(value))
      issues.push(`ORGANIZER is no mailto: ${value}`);
    if (["UID", "METHOD", "SEQUENCE", "SUMMARY", "STATUS"].includes(name) && !value) issues.push(`${name} is empty`);
    if (name === "SEQUENCE" && !/^\d+$/.test(value)) issues.push(`SEQUENCE is no integer: ${value}`);
  }
  for (const name of ["PRODID", "VERSION", "METHOD", "UID", "DTSTAMP", "DTSTART"])
    if ((values.get(name) ?? []).length !== 1) issues.push(`${name} ${values.get(name)?.length ?? 0} times`);
  return issues;
}
