import { describe, expect, it } from "vitest";
import { type Loaded, searchOptions, visibleTo } from "./options";

// Team 1 had Ana (1) and Bo (2, who moved to team 2); team 2 has Cy (3).
const all: Loaded = {
  tech: [
    { value: "1", label: "Ana (ana)" },
    { value: "2", label: "Bo (bo)" },
    { value: "3", label: "Cy (cy)" },
  ],
  team: [
    { value: "1", label: "Team X" },
    { value: "2", label: "Team Y" },
  ],
  queue: [{ value: "7", label: "Support" }],
  memberships: [
    { tech: "1", team: "1" },
    { tech: "2", team: "1" },
    { tech: "2", team: "2" },
    { tech: "3", team: "2" },
  ],
};

const values = (o: { value: string }[]) => o.map((x) => x.value);

describe("form lists by role", () => {
  it("a manager sees everyone", () => {
    const o = visibleTo(all, { login: "m", role: "manager", teamIds: [] });
    expect([values(o.tech), values(o.team), values(o.queue)]).toEqual([["1", "2", "3"], ["1", "2"], ["7"]]);
  });

  it("a lead sees their teams and the techs ever in them, every queue", () => {
    const o = visibleTo(all, { login: "l", role: "lead", teamIds: [1] });
    expect([values(o.tech), values(o.team), values(o.queue)]).toEqual([["1", "2"], ["1"], ["7"]]);
  });

  it("a tech sees only their own name and their own teams", () => {
    const o = visibleTo(all, { login: "bo", role: "tech", teamIds: [], techId: 2 });
    expect([values(o.tech), values(o.team)]).toEqual([["2"], ["1", "2"]]);
  });

  it("a tech not known to the helpdesk sees no one", () => {
    const o = visibleTo(all, { login: "x", role: "tech", teamIds: [] });
    expect([o.tech, o.team]).toEqual([[], []]);
  });
});

describe("searching a long list", () => {
  const techs = [
    { value: "1", label: "Ana Smith (asmith)" },
    { value: "2", label: "Bo Arnesen (barnesen)" },
    { value: "3", label: "Cy Ansel (cansel) — left" },
    { value: "4", label: "Dana Åberg (daberg)" },
    { value: "5", label: "Anita Bo (abo)" },
  ];
  const found = (q: string, limit?: number) => {
    const r = searchOptions(techs, q, limit);
    return { values: values(r.options), more: r.more };
  };

  it("finds every word in any order and case, by name or login", () => {
    expect(found("SMITH ana").values).toEqual(["1"]);
    expect(found("barnes").values).toEqual(["2"]);
    expect(found("left").values).toEqual(["3"]);
    expect(found("nobody").values).toEqual([]);
  });

  it("puts labels that start with the query first, then word starts, then the rest", () => {
    // "an": Ana and Anita start with it; Cy Ansel has a word that does; Dana only contains it; Bo Arnesen not.
    expect(found("an").values).toEqual(["1", "5", "3", "4"]);
  });

  it("ignores accents, and treats the query as text, not a pattern", () => {
    expect(found("aberg").values).toEqual(["4"]);
    expect(found("(abo)").values).toEqual(["5"]);
    expect(found(".*").values).toEqual([]);
  });

  it("answers an empty query with the first choices and says when more match than it gives", () => {
    expect(found("", 2)).toEqual({ values: ["1", "2"], more: true });
    expect(found("an", 4)).toEqual({ values: ["1", "5", "3", "4"], more: false });
  });
});
