import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  appDirectory: "app",
  // Parallel builds (tests, benchmarks) can each use their own directory.
  buildDirectory: process.env.CHIIKI_BUILD_DIR ?? "build",
} satisfies Config;
