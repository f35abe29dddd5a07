import { describe, expect, it } from "vitest";
import { SLACK_MAX_BUTTON_VALUE } from "../../../../adapters/slack/render.js";
import { decodeShareValue, encodeShareValue, offersShare } from "../../../../adapters/slack/share.js";

describe("share button value", () => {
  it("GIVEN a question and thread THEN it round-trips", () => {
    const value = encodeShareValue({ text: "zhaoqing gdp 2023", threadTs: "1.2" })!;
    expect(decodeShareValue(value)).toEqual({ text: "zhaoqing gdp 2023", threadTs: "1.2" });
  });

  it("GIVEN <, > and & in the question THEN the value holds none of them raw but decodes to them", () => {
    const value = encodeShareValue({ text: "<!channel> a & b" })!;
    expect(value).not.toMatch(/[<>&]/);
    expect(decodeShareValue(value)?.text).toBe("<!channel> a & b");
  });

  it("GIVEN a question too long for a button THEN there is no value", () => {
    expect(encodeShareValue({ text: "x".repeat(SLACK_MAX_BUTTON_VALUE) })).toBeUndefined();
  });

  it.each(["not json", "{}", '{"v":2,"q":"x"}', '{"v":1}'])(
    "GIVEN a foreign value %s THEN it decodes to null",
    (v) => {
      expect(decodeShareValue(v)).toBeNull();
    },
  );
});

describe("offersShare", () => {
  it("GIVEN a public answer or a shareable ephemeral one THEN a button is offered; otherwise not", () => {
    expect(offersShare({ blocks: [], visibility: "public" })).toBe(true);
    expect(offersShare({ blocks: [], visibility: "ephemeral", shareable: true })).toBe(true);
    expect(offersShare({ blocks: [], visibility: "ephemeral" })).toBe(false);
  });
});
