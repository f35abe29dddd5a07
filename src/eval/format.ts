/**
 * Text renderings of an evaluation: the report printed by `npm run eval`, and the per-article
 * lists `--dump` writes (what the key has that was not matched, what was served that matches
 * nothing), each entry tagged with why it failed.
 */
import type { ArticleReport, EvalFact, EvalReport, Figures } from "./evaluate.js";
import type { MissClass, WrongClass } from "./failures.js";
import type { GoldFact } from "./gold.js";

const f3 = (x: number): string => x.toFixed(3);
const pad = (x: number | string, width: number): string => String(x).padStart(width);

const LABELS: Record<MissClass | WrongClass, string> = {
  missed: "missed",
  spurious: "spurious",
  sign: "sign",
  region: "region",
  period: "period",
  family: "metric family",
  kind: "kind",
  taken: "taken by another gold",
};

/** `recall 0.500 (core 0.600) precision 0.700`. */
export function describeFigures(x: Figures): string {
  return `recall ${f3(x.recall)} (core ${f3(x.coreRecall)}) precision ${f3(x.precision)}`;
}

function articleRow(a: ArticleReport, width: number): string {
  const row =
    `${a.name.padEnd(width)} ${pad(a.gold, 4)} ${pad(a.served, 6)} ${pad(a.held, 4)}` +
    `  ${f3(a.strict.recall)} ${f3(a.strict.coreRecall)} ${f3(a.strict.precision)}` +
    `  ${f3(a.loose.recall)} ${f3(a.loose.coreRecall)} ${f3(a.loose.precision)}`;
  return a.failed ? `${row}  FAILED: ${a.failed}` : row;
}

function tallyLine(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${LABELS[k as MissClass | WrongClass]} ${n}`)
    .join(", ");
}

/** The whole report as text: articles, total, curve, failure classes. */
export function formatReport(report: EvalReport, notes: readonly string[] = []): string {
  const { total } = report;
  const width = Math.max(7, ...report.articles.map((a) => a.name.length));
  const lines = [
    `${"".padEnd(width)}                     strict              loose`,
    `${"article".padEnd(width)} gold served held  recall core  prec.   recall core  prec.`,
    ...report.articles.map((a) => articleRow(a, width)),
    "",
    `total: strict ${describeFigures(total.strict)}; loose ${describeFigures(total.loose)}; ` +
      `over ${total.gold} gold (${total.core} core) in ${total.articles} articles, ${total.served} served ` +
      `(${total.strict.counted} counted for precision), ${total.held} held, ${total.failed} failed`,
    "",
    "served-precision curve (strict; facts with confidence >= t served)",
    "     t  served  counted  precision  recall",
    ...report.curve.map(
      (p) =>
        `  ${p.threshold.toFixed(2)}  ${pad(p.served, 6)}  ${pad(p.counted, 7)}  ${pad(f3(p.precision), 9)}  ${pad(f3(p.recall), 6)}`,
    ),
    "",
    `strict misses (${total.gold - total.strict.hit} of ${total.gold} gold): ${tallyLine(report.failures.misses)}`,
    `wrong served facts (${total.strict.counted - total.strict.correct} of ${total.strict.counted} counted): ${tallyLine(report.failures.wrong)}`,
    ...notes,
  ];
  return `${lines.join("\n")}\n`;
}

function factLine(x: GoldFact | EvalFact): string {
  return `${x.region} | ${x.metric} | ${x.period} | ${x.value} ${x.unit} ${x.qualifier ?? ""}\n    "${x.quote}"`;
}

function entry(label: MissClass | WrongClass, x: GoldFact | EvalFact, nearest: GoldFact | EvalFact | null) {
  const head = `  [${LABELS[label]}] ${factLine(x)}`;
  return nearest ? `${head}\n    nearest: ${factLine(nearest).replace("\n", "\n    ")}` : head;
}

/** One article's dump: the strict misses and the wrong served facts, each with its class. */
export function formatDump(a: ArticleReport): string {
  const missed = a.misses.map((m) => entry(m.class, m.gold, m.nearest));
  const wrong = a.wrong.map((w) => entry(w.class, w.fact, w.nearest));
  return [
    `MISSED: in the key, not matched strictly (${missed.length})`,
    ...missed,
    "",
    `WRONG: served, matching nothing in the key strictly (${wrong.length})`,
    ...wrong,
    "",
  ].join("\n");
}
