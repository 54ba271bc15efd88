import type { DemoContext } from "./demo-step.ts";
import { demoSteps } from "./steps.ts";

/** `npx chiiki demo`: loads the Nagasaki FY2020 year, step by step, idempotently. */
export async function loadDemoYear(context: DemoContext): Promise<void> {
  for (const step of demoSteps) {
    context.log(`— ${step.name}`);
    await step.run(context);
  }
}
