import type { DemoStep } from "./demo-step.ts";
import { foundationDemo } from "./foundation-demo.ts";
import { communityDemo } from "../community/demo.ts";
import { surveysDemo } from "../surveys/demo.ts";
import { eventsDemo } from "../events/demo.ts";
import { sharingDemo } from "../sharing/demo.ts";
import { reportsDemo } from "../reports/demo.ts";

/** The demo year, in order. Each capability adds its step here (one import, one entry). */
export const demoSteps: DemoStep[] = [
  foundationDemo,
  /* before events, which finds organisations by name */ communityDemo,
  eventsDemo,
  /* after the events step, whose seminar gives Q16 its talks */ surveysDemo,
  sharingDemo,
  reportsDemo,
];
