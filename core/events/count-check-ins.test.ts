import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { checkInAttendee } from "./check-in-attendee.ts";
import { countCheckIns } from "./count-check-ins.ts";
import { createEvent } from "./create-event.ts";
import { registerAttendee } from "./register-attendee.ts";
import { member, secretariat, seminarInput, testDeps } from "../../tests/fixtures/events.ts";

describe.each(testDatabases)("arrivals per seat type on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("counts the venue's check-ins and the online seats' attendance apart", async () => {
    const deps = testDeps(t.db);
    const event = await createEvent(deps, secretariat, seminarInput());
    const at = (n: number, seatType: string) =>
      registerAttendee(deps, anonymous, event.id, { name: `参加者${n}`, email: `p${n}@arrivals.example.jp`, seatType });
    const venue1 = await at(1, "venue");
    await at(2, "venue");
    const online = await at(3, "online");
    await at(4, "online");
    await checkInAttendee(deps, secretariat, event.id, { ticket: venue1.id });
    await t.db.updateTable("registrations").set({ attended_online: 1 }).where("id", "=", online.id).execute();

    expect(await countCheckIns(t.db, secretariat, event.id)).toEqual({
      confirmed: 2,
      checkedIn: 1,
      bySeatType: [
        { key: "venue", label: "会場", online: false, confirmed: 2, arrived: 1 },
        { key: "online", label: "オンライン", online: true, confirmed: 2, arrived: 1 },
      ],
    });
    await expect(countCheckIns(t.db, member, event.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
