import { describe, expect, it } from "vitest";
import { newId, pooledRandomBytes } from "./ids.ts";

describe("ids", () => {
  it("hands out pooled random bytes once each, across refills, at any size", () => {
    const seen = new Set<string>();
    // 12-byte draws do not divide the 4 kB pool: the remainder must not be reused after a refill.
    for (let i = 0; i < 3000; i++) {
      const bytes = pooledRandomBytes(12);
      expect(bytes).toHaveLength(12);
      seen.add(bytes.toString("hex"));
    }
    expect(seen.size).toBe(3000);
    expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
  });

  it("makes time-ordered, distinct ids", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newId(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(2000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });
});
