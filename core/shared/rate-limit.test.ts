import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "./clock.ts";
import { clientKey, consumeRateLimit } from "./rate-limit.ts";

describe.each(testDatabases)("consumeRateLimit on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("allows the limit, refuses the next hit with the wait, and opens again after the window", async () => {
    const clock = fixedClock("2021-01-27T06:00:00.000Z");
    const rule = { key: "sign-in:test", limit: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) await consumeRateLimit(t.db, clock, rule);
    await expect(consumeRateLimit(t.db, clock, rule)).rejects.toMatchObject({
      code: "rate-limited",
      params: { seconds: 60 },
    });
    clock.advance(61_000);
    await expect(consumeRateLimit(t.db, clock, rule)).resolves.toBeUndefined();
  });

  it("counts concurrent hits exactly", async () => {
    const clock = fixedClock("2021-01-27T06:00:00.000Z");
    const rule = { key: "burst", limit: 10, windowMs: 60_000 };
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => consumeRateLimit(t.db, clock, rule)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
  });
});

describe("clientKey", () => {
  it("counts IPv4 as itself (also when a dual-stack socket writes it as IPv6) and IPv6 by its /64", () => {
    expect(clientKey("203.0.113.5")).toBe("203.0.113.5");
    expect(clientKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
  });
});
