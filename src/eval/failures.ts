/**
 * Why a strict match failed, so that a run says where extraction loses figures instead of only
 * how many. A figure is compared with the figures on the other side that have its value (within
 * tolerance) and unit; the checks of a strict match are then tried in order (region, period,
 * metric family, kind) and the figure is classed by the check that the closest of them fails,
 * i.e. the one that gets furthest through the list.
 */
import {
  closeTo,
  type Measured,
  sameFamily,
  sameKind,
  samePeriod,
  sameRegion,
  sameUnit,
  sameValue,
} from "./match.js";

/** A check of a strict match after value and unit, in the order they are tried. */
export type CheckFailure = "region" | "period" | "family" | "kind";

const CHECKS: ReadonlyArray<readonly [CheckFailure, (x: Measured, gold: Measured) => boolean]> = [
  ["region", sameRegion],
  ["period", samePeriod],
  ["family", sameFamily],
  ["kind", sameKind],
];

/**
 * Why a gold figure was not matched strictly. `missed`: no served fact has its value and unit;
 * `sign`: only the opposite value was found; `taken`: a fact matches it strictly but was already
 * matched to another gold figure (the key states the figure twice, or two figures are within
 * tolerance of each other); otherwise the first check the closest fact fails.
 */
export type MissClass = "missed" | "sign" | CheckFailure | "taken";
/** Why a served fact matches no gold figure strictly: `spurious` when no gold has its value and unit. */
export type WrongClass = "spurious" | "sign" | CheckFailure;

/** Every miss class, in the order reports list them. */
export const MISS_CLASSES: readonly MissClass[] = [
  "missed",
  "sign",
  "region",
  "period",
  "family",
  "kind",
  "taken",
];
/** Every wrong-fact class, in the order reports list them. */
export const WRONG_CLASSES: readonly WrongClass[] = [
  "spurious",
  "sign",
  "region",
  "period",
  "family",
  "kind",
];

/** How far `x` gets through {@link CHECKS} against `gold`: the failing check, or null if none fails. */
function firstFailure(x: Measured, gold: Measured): CheckFailure | null {
  for (const [name, check] of CHECKS) if (!check(x, gold)) return name;
  return null;
}

const depth = (failure: CheckFailure | null): number =>
  failure === null ? CHECKS.length : CHECKS.findIndex(([name]) => name === failure);

/** The pair among `pairs` that gets furthest through the checks (the first such one on a tie). */
function closest<T>(pairs: readonly T[], failureOf: (pair: T) => CheckFailure | null) {
  let best: { pair: T; failure: CheckFailure | null } | undefined;
  for (const pair of pairs) {
    const failure = failureOf(pair);
    if (!best || depth(failure) > depth(best.failure)) best = { pair, failure };
  }
  return best;
}

const opposite = (x: Measured, gold: Measured): boolean =>
  sameUnit(x, gold) && closeTo(-Number(x.value), gold.value);

/** A classified miss, with the fact that came closest when there was one. */
export interface MissVerdict<F> {
  class: MissClass;
  nearest: F | null;
}

/** Classifies a gold figure that no fact was matched to strictly, against the served facts. */
export function classifyMiss<F extends Measured>(gold: Measured, facts: readonly F[]): MissVerdict<F> {
  const candidates = facts.filter((x) => sameUnit(x, gold) && sameValue(x, gold));
  if (candidates.length === 0) {
    const flipped = facts.find((x) => opposite(x, gold));
    return flipped ? { class: "sign", nearest: flipped } : { class: "missed", nearest: null };
  }
  const best = closest(candidates, (x) => firstFailure(x, gold))!;
  return { class: best.failure ?? "taken", nearest: best.pair };
}

/** A classified wrong fact, with the gold figure that came closest when there was one. */
export interface WrongVerdict<G> {
  class: WrongClass;
  nearest: G | null;
}

/** Classifies a served fact that matches no gold figure strictly, against the article's gold. */
export function classifyWrong<G extends Measured>(fact: Measured, gold: readonly G[]): WrongVerdict<G> {
  const candidates = gold.filter((g) => sameUnit(fact, g) && sameValue(fact, g));
  if (candidates.length === 0) {
    const flipped = gold.find((g) => opposite(fact, g));
    return flipped ? { class: "sign", nearest: flipped } : { class: "spurious", nearest: null };
  }
  const best = closest(candidates, (g) => firstFailure(fact, g))!;
  if (best.failure === null) throw new Error("classifyWrong: the fact matches a gold figure strictly");
  return { class: best.failure, nearest: best.pair };
}
