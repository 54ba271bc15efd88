import { describe, expect, it } from "vitest";
import { GroupCommit, type Outcome } from "./group-commit.ts";

/** A write that records its batches, refuses odd numbers, fails whole batches holding 13, and can be held open. */
function recordingWrite() {
  const batches: number[][] = [];
  let release: () => void = () => {};
  let gate: Promise<void> | null = null;
  let entered: () => void = () => {};
  const write = async (_key: string, items: number[]): Promise<Outcome<string>[]> => {
    batches.push(items);
    entered();
    if (gate) await gate;
    if (items.includes(13)) throw new Error("the database fell over");
    return items.map((n) => (n % 2 ? { error: new Error(`odd ${n}`) } : { value: `ok ${n}` }));
  };
  return {
    batches,
    write,
    /** Holds the next write open until release(); resolves once it has started. */
    hold: () => {
      gate = new Promise(
        (r) =>
          (release = () => {
            gate = null;
            r();
          }),
      );
      return new Promise<void>((r) => (entered = r));
    },
    release: () => release(),
  };
}

const describeOutcomes = (settled: PromiseSettledResult<string>[]) =>
  settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message));

describe("group commit", () => {
  it("writes what arrived in one turn together, and what arrives during a write in the next batch", async () => {
    const w = recordingWrite();
    const desk = new GroupCommit(w.write);
    const writing = w.hold();
    const first = [0, 2].map((n) => desk.submit("e", n));
    await writing;
    const rest = [4, 5, 6].map((n) => desk.submit("e", n));
    w.release();
    expect(describeOutcomes(await Promise.allSettled([...first, ...rest]))).toEqual([
      "ok 0",
      "ok 2",
      "ok 4",
      "odd 5",
      "ok 6",
    ]);
    expect(w.batches).toEqual([
      [0, 2],
      [4, 5, 6],
    ]);
  });

  it("a lone caller is written alone", async () => {
    const w = recordingWrite();
    const desk = new GroupCommit(w.write);
    expect(await desk.submit("e", 8)).toBe("ok 8");
    expect(await desk.submit("e", 10)).toBe("ok 10");
    expect(w.batches).toEqual([[8], [10]]);
  });

  it("keeps lanes apart and caps the batch size", async () => {
    const w = recordingWrite();
    const desk = new GroupCommit(w.write, { maxBatch: 2 });
    await Promise.all([
      desk.submit("a", 0),
      desk.submit("b", 10),
      desk.submit("a", 2),
      desk.submit("a", 4),
      desk.submit("a", 6),
    ]);
    // Lanes do not wait for each other: only the order within a lane is given.
    expect(w.batches.filter((b) => b[0]! < 10)).toEqual([
      [0, 2],
      [4, 6],
    ]);
    expect(w.batches.filter((b) => b[0]! >= 10)).toEqual([[10]]);
  });

  it("starts a batch that is already full without waiting for a turn of the event loop", async () => {
    const turnsBetween: boolean[] = [];
    let turned = false;
    const desk = new GroupCommit<number, string>(
      async (_key, items) => {
        turnsBetween.push(turned);
        turned = false;
        setImmediate(() => (turned = true));
        return items.map((n) => ({ value: `ok ${n}` }));
      },
      { maxBatch: 2 },
    );
    await Promise.all([0, 2, 4, 6, 8].map((n) => desk.submit("e", n)));
    // The first batch waits for its turn; the second is full and follows at once; the last, not full, waits again.
    expect(turnsBetween).toEqual([false, false, true]);
  });

  it("writes each item alone when a whole batch fails, so only the bad item fails", async () => {
    const w = recordingWrite();
    const desk = new GroupCommit(w.write);
    const settled = await Promise.allSettled([2, 13, 4].map((n) => desk.submit("e", n)));
    expect(describeOutcomes(settled)).toEqual(["ok 2", "the database fell over", "ok 4"]);
    expect(w.batches).toEqual([[2, 13, 4], [2], [13], [4]]);
  });
});
