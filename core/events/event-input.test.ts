import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { parseInput } from "../shared/validation.ts";
import { createEvent } from "./create-event.ts";
import { eventInputSchema } from "./event-input.ts";
import { secretariat, seminarInput, testDeps } from "../../tests/fixtures/events.ts";

describe("the seminar editor's input", () => {
  it("refuses an empty or non-numeric capacity instead of saving 0, and a talk that ends before it starts", () => {
    let fields: { field: string; code: string }[] = [];
    try {
      parseInput(
        eventInputSchema,
        seminarInput({
          seatTypes: [
            { key: "venue", label: "会場", capacity: "" as unknown as number },
            { key: "online", label: "オンライン", capacity: "五十" as unknown as number },
          ],
          sessions: [{ title: "講演", startsAt: "2021-01-27T15:30:00+09:00", endsAt: "2021-01-27T15:00:00+09:00" }],
        }),
      );
    } catch (error) {
      fields = (error as { fields: typeof fields }).fields;
    }
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: "seatTypes.0.capacity", code: "required" },
        { field: "seatTypes.1.capacity", code: "number" },
        { field: "sessions.0.endsAt", code: "events-ends-before-start" },
      ]),
    );
    expect(
      parseInput(
        eventInputSchema,
        seminarInput({ seatTypes: [{ key: "venue", label: "会場", capacity: "１５" as unknown as number }] }),
      ).seatTypes[0]!.capacity,
    ).toBe(15);
  });
});

describe.each(testDatabases)("a seminar entered after it took place (%s)", (kind) => {
  const t = useTestDatabase(kind);
  it("gets a registration window that does not end before it begins", async () => {
    const deps = testDeps(t.db, "2021-03-01T00:00:00.000Z");
    const event = await createEvent(deps, secretariat, seminarInput());
    expect(event.registrationClosesAt).toBe("2021-01-27T06:00:00.000Z");
    expect(event.registrationOpensAt <= event.registrationClosesAt).toBe(true);
  });
});
