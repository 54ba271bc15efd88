/**
 * `npm start`: validate configuration, migrate, create the first secretariat account from
 * CHIIKI_ADMIN_* if asked, serve, and shut down cleanly on SIGTERM/SIGINT.
 */
import { installFirstSecretariat, isInstalled } from "../core/accounts/create-secretariat-account.ts";
import { EnvError, loadEnv } from "./env.ts";
import { createHttpApp } from "./http.ts";
import { createServices } from "./services.ts";

async function main() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const dev = process.argv.includes("--dev");
  const services = await createServices(env, { allocationThread: true });
  const { logger } = services;

  if (env.adminEmail && env.adminPassword && !(await isInstalled(services.accounts))) {
    await installFirstSecretariat(services.accounts, {
      name: "事務局",
      email: env.adminEmail,
      password: env.adminPassword,
      community: "Chiiki",
    });
    logger.info("secretariat account created from CHIIKI_ADMIN_EMAIL");
  }

  const app = await createHttpApp(services, { dev });
  const server = app.listen(env.port, env.host, () => {
    logger.info(
      { url: env.baseUrl, host: env.host, port: env.port, database: services.database.dialect },
      "Chiiki is listening",
    );
  });
  server.on("error", (error) => {
    logger.fatal({ err: error.message }, "could not listen");
    process.exit(1);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    server.close(async () => {
      await services.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();
