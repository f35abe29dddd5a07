/**
 * Invented documents giving Foshan's GDP for three years from two sources, so `trend foshan gdp`
 * and `compare foshan gdp 2023 vs 2024` have something to chart in command and end-to-end tests.
 */
import type { ExtractionResult } from "../../src/ingest/types.js";
import { extractionResult } from "./fact-builders.js";

export const CHART_TREND_QUERY = "trend foshan gdp";
export const CHART_COMPARE_QUERY = "compare foshan gdp 2023 vs 2024";

export function chartDocuments(): ExtractionResult[] {
  return [
    extractionResult(
      "Pearl River city review 2023",
      [
        {
          region: "Foshan",
          metric: "gdp",
          period: "2022",
          value: 1.27e12,
          quote: "The city's output came to 1.27 trillion yuan in the year before.",
        },
        {
          region: "Foshan",
          metric: "gdp",
          period: "2023",
          value: 1.33e12,
          quote: "Output for the year was put at 1.33 trillion yuan.",
        },
      ],
      { publisher: "Pearl River Review", published: "2024-03-02" },
    ),
    extractionResult(
      "Foshan economy at a glance 2024",
      [
        {
          region: "Foshan",
          metric: "gdp",
          period: "2024",
          value: 1.36e12,
          quote: "Foshan closed the year with an output of 1.36 trillion yuan.",
        },
      ],
      { publisher: "Foshan Business Weekly", published: "2025-02-10" },
    ),
  ];
}
