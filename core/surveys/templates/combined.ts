import { type Localised, usefulOrBetter } from "./build.ts";

/**
 * Figures the report quotes for several answers together. They are sums of counts divided once
 * by the base, never sums of rounded percentages (the report's Q12 "57.2%" added two 28.6%s).
 */
export interface CombinedCategory {
  question: string;
  key: string;
  label: Localised;
  values: string[];
}

export const combinedCategories: CombinedCategory[] = [
  {
    question: "q2",
    key: "up-to-100",
    label: { ja: "100名以下", en: "100 or fewer" },
    values: ["1-5", "6-20", "21-50", "51-100"],
  },
  {
    question: "q12",
    key: "willing",
    label: { ja: "参加したい・検討したい", en: "Definitely or maybe" },
    values: ["definitely", "maybe"],
  },
  {
    question: "q16",
    key: "useful-or-better",
    label: { ja: "有益であった以上", en: "Useful or better" },
    values: [...usefulOrBetter],
  },
];
