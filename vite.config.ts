import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig(({ mode }) => ({
  plugins: mode === "test" ? [] : [reactRouter()],
  server: { port: 3000 },
  build: { target: "es2023" },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "build/**", "tests/e2e/**"],
    pool: "forks",
    testTimeout: 20000,
    hookTimeout: 30000,
  },
}));
