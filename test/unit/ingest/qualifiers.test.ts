import { describe, expect, it } from "vitest";
import { directionOf, isChange, isForwardLooking, qualifierOf } from "../../../src/ingest/qualifiers.js";

describe("qualifierOf", () => {
  it("GIVEN hedges WHEN read THEN the qualifier is approx", () => {
    for (const before of ["with a total investment of about", "around", "approximately", "nearly"])
      expect(qualifierOf(before, before, false), before).toBe("approx");
  });

  it("GIVEN floors WHEN read THEN the qualifier is over", () => {
    for (const before of [
      "exceeded",
      "Over",
      "attracting over",
      "more than",
      "import and export volume exceeded",
    ])
      expect(qualifierOf(before, before, false), before).toBe("over");
  });

  it("GIVEN a target with a hedge WHEN read THEN target wins", () => {
    expect(qualifierOf("the province's GDP growth target is set at around", "", false)).toBe("target");
    expect(qualifierOf("Zhaoqing's GDP target is expected to grow by", "", true)).toBe("target");
  });

  it("GIVEN a projection with a floor WHEN read THEN projected wins", () => {
    expect(qualifierOf("GDP is projected to surpass a milestone of", "", false)).toBe("projected");
  });

  it("GIVEN a plan with a floor WHEN read THEN it is a target", () => {
    expect(qualifierOf("pushing industrial investment to over", "it will persist", true)).toBe("target");
  });

  it("GIVEN a plain statement WHEN read THEN it is exact", () => {
    expect(qualifierOf("Zhaoqing's GDP in 2023 will be", "", false)).toBe("exact");
  });
});

describe("direction", () => {
  it("GIVEN decrease words WHEN read THEN they are declines", () => {
    for (const text of ["will decrease by", "fell by", "down", "下降"])
      expect(directionOf(text, ""), text).toBe("down");
    expect(directionOf("increased by", "")).toBe("up");
  });

  it("GIVEN change words WHEN read THEN they are changes", () => {
    expect(isChange("a year-on-year increase of")).toBe(true);
    expect(isChange("accounting for")).toBe(false);
  });

  it("GIVEN plans and results WHEN read THEN only plans look forward", () => {
    expect(isForwardLooking("Zhaoqing will continue to promote")).toBe(true);
    expect(isForwardLooking("Total exports fell by 3.5%")).toBe(false);
  });
});
