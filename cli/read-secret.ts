/**
 * Reads a password without showing it: typed at a terminal with echo off, or the first line of
 * piped standard input (`printf '%s\n' "$PASSWORD" | npx chiiki admin create …`).
 */
export async function readSecret(
  stdin: NodeJS.ReadStream,
  prompt: string,
  write: (text: string) => void,
): Promise<string | null> {
  if (!stdin.isTTY) {
    let text = "";
    for await (const chunk of stdin) {
      text += chunk.toString();
      if (text.includes("\n")) break;
    }
    const line = text.split("\n")[0]!.replace(/\r$/, "");
    return line === "" ? null : line;
  }
  write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string | null>((resolve, reject) => {
      let secret = "";
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString("utf8")) {
          if (char === "\r" || char === "\n" || char === "\u0004") {
            stdin.off("data", onData);
            resolve(secret === "" ? null : secret);
            return;
          }
          if (char === "\u0003") {
            stdin.off("data", onData);
            reject(new Error("interrupted"));
            return;
          }
          if (char === "\u007f" || char === "\b") secret = [...secret].slice(0, -1).join("");
          else secret += char;
        }
      };
      stdin.on("data", onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    write("\n");
  }
}
