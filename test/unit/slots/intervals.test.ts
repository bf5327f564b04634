import { describe, expect, it } from "vitest";
import {
  clipIntervals,
  findContaining,
  intersectIntervals,
  mergeIntervals,
  subtractIntervals,
  widenIntervals,
} from "../../../shared/slots/index.js";
import type { Interval } from "../../../shared/slots/index.js";

const iv = (...pairs: [number, number][]): Interval[] => pairs.map(([start, end]) => ({ start, end }));

describe("mergeIntervals", () => {
  it.each([
    ["unsorted input is sorted", iv([5, 6], [1, 2]), iv([1, 2], [5, 6])],
    ["overlapping intervals merge", iv([1, 4], [3, 6]), iv([1, 6])],
    ["touching intervals merge", iv([1, 3], [3, 5]), iv([1, 5])],
    ["contained intervals vanish", iv([1, 10], [2, 3]), iv([1, 10])],
    ["empty and inverted intervals are dropped", iv([4, 4], [6, 5], [1, 2]), iv([1, 2])],
    ["nothing stays nothing", [], []],
  ])("%s", (_name, input, expected) => {
    const copy = structuredClone(input);
    expect(mergeIntervals(input)).toEqual(expected);
    expect(input).toEqual(copy);
  });
});

describe("subtractIntervals", () => {
  it.each([
    ["a cut in the middle splits", iv([0, 10]), iv([3, 5]), iv([0, 3], [5, 10])],
    ["a cut covering the start trims it", iv([0, 10]), iv([-5, 2]), iv([2, 10])],
    ["a cut covering the end trims it", iv([0, 10]), iv([8, 20]), iv([0, 8])],
    ["a cut covering everything leaves nothing", iv([0, 10]), iv([0, 10]), []],
    ["touching cuts leave the base whole", iv([0, 10]), iv([-5, 0], [10, 12]), iv([0, 10])],
    ["one cut spanning two bases trims both", iv([0, 4], [6, 10]), iv([3, 7]), iv([0, 3], [7, 10])],
    ["several cuts in one base", iv([0, 10]), iv([1, 2], [4, 5], [9, 11]), iv([0, 1], [2, 4], [5, 9])],
    ["no cuts copy the base", iv([0, 1]), [], iv([0, 1])],
  ])("%s", (_name, base, cut, expected) => {
    expect(subtractIntervals(base, cut)).toEqual(expected);
  });
});

describe("intersectIntervals and clipIntervals", () => {
  it.each([
    ["overlaps are kept", iv([0, 5], [8, 12]), iv([3, 10]), iv([3, 5], [8, 10])],
    ["touching intervals do not intersect", iv([0, 5]), iv([5, 10]), []],
    ["identical lists", iv([1, 2], [3, 4]), iv([1, 2], [3, 4]), iv([1, 2], [3, 4])],
  ])("%s", (_name, a, b, expected) => {
    expect(intersectIntervals(a, b)).toEqual(expected);
    expect(intersectIntervals(b, a)).toEqual(expected);
  });

  it("clip restricts to [from, to)", () => {
    expect(clipIntervals(iv([0, 5], [8, 12]), 2, 9)).toEqual(iv([2, 5], [8, 9]));
  });
});

describe("widenIntervals and findContaining", () => {
  it("widening moves starts back and ends forward, then merges", () => {
    expect(widenIntervals(iv([10, 20], [25, 30]), 2, 3)).toEqual(iv([8, 33]));
  });

  it.each([
    ["inside the first", 1, 2, 0],
    ["exactly the second", 5, 8, 1],
    ["across a gap", 3, 6, -1],
    ["in a gap", 4, 5, -1],
    ["after the last", 9, 10, -1],
  ])("finds the containing interval: %s", (_name, start, end, index) => {
    expect(findContaining(iv([0, 4], [5, 8]), start, end)).toBe(index);
  });
});
