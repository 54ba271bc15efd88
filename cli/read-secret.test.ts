import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readSecret } from "./read-secret.ts";

/** A stand-in for a terminal: records raw-mode switches; what is "typed" is written to it. */
function fakeTerminal() {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode(on: boolean): void; modes: boolean[] };
  stream.isTTY = true;
  stream.modes = [];
  stream.setRawMode = (on) => void stream.modes.push(on);
  return stream;
}

describe("readSecret", () => {
  it("reads a typed password in raw mode, without echoing it, honouring backspace", async () => {
    const terminal = fakeTerminal();
    let shown = "";
    const reading = readSecret(terminal as unknown as NodeJS.ReadStream, "パスワード: ", (text) => (shown += text));
    terminal.write("correct horsx\u007fe battery\r");
    expect(await reading).toBe("correct horse battery");
    expect(shown).toBe("パスワード: \n");
    expect(terminal.modes).toEqual([true, false]);
  });

  it("gives up on Ctrl-C and leaves raw mode", async () => {
    const terminal = fakeTerminal();
    const reading = readSecret(terminal as unknown as NodeJS.ReadStream, "", () => {});
    terminal.write("abc\u0003");
    await expect(reading).rejects.toThrow("interrupted");
    expect(terminal.modes).toEqual([true, false]);
  });

  it("takes the first line of piped input, and nothing from empty input", async () => {
    const piped = new PassThrough();
    piped.end("first line\r\nsecond line\n");
    expect(await readSecret(piped as unknown as NodeJS.ReadStream, "", () => {})).toBe("first line");
    const empty = new PassThrough();
    empty.end();
    expect(await readSecret(empty as unknown as NodeJS.ReadStream, "", () => {})).toBeNull();
  });
});
