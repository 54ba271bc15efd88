import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vitest/config";

const testing = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: testing ? [] : [reactRouter()],
  server: { port: 3000 },
  build: { target: "es2023" },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["{core,db,server,app,i18n,cli}/**/*.test.{ts,tsx}"], pool: "forks" },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
