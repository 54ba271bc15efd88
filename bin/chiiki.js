#!/usr/bin/env node
// `npx chiiki …`: the operator's command line (cli/main.ts). Plain JavaScript, so that an old
// Node.js reaches this check instead of failing on TypeScript syntax.
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(
    `Chiiki には Node.js 24 以上が必要です（現在 ${process.version}）。\n` +
      `Chiiki needs Node.js 24 or newer (this is ${process.version}).`,
  );
  process.exit(1);
}
// `npx chiiki token list | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
const { runCli } = await import("../cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2));
