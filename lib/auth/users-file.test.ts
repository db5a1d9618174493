import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grantFor, loadUsersFile, parseUsersFile, UsersFileError } from "./users-file";

const file = parseUsersFile(
  JSON.stringify({
    users: {
      MHale: { role: "manager" },
      jlee: { role: "lead", teams: [1, 2] },
      rvance: { role: "tech", techId: 1 },
    },
    groups: {
      "Support-Managers": { role: "manager" },
      "team-x-leads": { role: "lead", teams: [1] },
      "hosting-leads": { role: "lead", teams: [2, 3] },
      staff: { role: "tech" },
    },
  }),
  "users.json",
);

describe("the users file", () => {
  it("gives a listed user their role, whatever the case of the login", () => {
    expect(grantFor(file, "mhale", [])).toEqual({ role: "manager", teamIds: [], techId: undefined });
    expect(grantFor(file, "JLEE", ["support-managers"])).toEqual({ role: "lead", teamIds: [1, 2], techId: undefined });
    expect(grantFor(file, "rvance", [])).toEqual({ role: "tech", teamIds: [], techId: 1 });
  });

  it("gives an unlisted user the strongest role of their groups; a lead leads the teams of all their lead groups", () => {
    expect(grantFor(file, "someone", ["staff", "team-x-leads", "hosting-leads"])).toEqual({
      role: "lead",
      teamIds: [1, 2, 3],
    });
    expect(grantFor(file, "someone", ["hosting-leads", "SUPPORT-MANAGERS"])).toEqual({ role: "manager", teamIds: [] });
    expect(grantFor(file, "someone", ["staff"])).toEqual({ role: "tech", teamIds: [] });
  });

  it("says nothing about someone who is neither listed nor in a listed group", () => {
    expect(grantFor(file, "visitor", ["everyone"])).toBeUndefined();
    // Names that plain objects carry from Object.prototype are nobody's entry.
    expect(grantFor(file, "visitor", ["constructor", "__proto__", "toString"])).toBeUndefined();
    expect(grantFor(file, "constructor", [])).toBeUndefined();
    expect(grantFor(file, "__proto__", [])).toBeUndefined();
  });

  it("refuses a file with mistakes, naming each", () => {
    const bad = () =>
      parseUsersFile(
        JSON.stringify({ users: { a: { role: "admin" }, b: { role: "lead" } }, groups: { g: { role: "tech", x: 1 } } }),
        "users.json",
      );
    expect(bad).toThrow(UsersFileError);
    expect(bad).toThrow(/users\.a\.role: must be one of: manager, lead, tech/);
    expect(bad).toThrow(/users\.b: a lead needs the ids of the teams they lead/);
    expect(bad).toThrow(/groups\.g: Unrecognized key/);
    expect(() => parseUsersFile("{ users: ", "users.json")).toThrow(/users\.json is not valid JSON/);
  });

  const dir = mkdtemp(path.join(os.tmpdir(), "lookback-users-"));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it("is read again when it changes on disk, without a restart", async () => {
    const p = path.join(await dir, "users.json");
    await writeFile(p, JSON.stringify({ users: { ann: { role: "tech" } } }));
    expect(grantFor(loadUsersFile(p), "ann", [])?.role).toBe("tech");
    await writeFile(p, JSON.stringify({ users: { ann: { role: "manager" } }, groups: {} }));
    expect(grantFor(loadUsersFile(p), "ann", [])?.role).toBe("manager");
    const missing = path.join(await dir, "missing.json");
    expect(() => loadUsersFile(missing)).toThrow(/cannot be read/);
  });
});
