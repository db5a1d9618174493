import { describe, expect, it } from "vitest";
import { AVOID_FAILED_MS, type ReplicaHealth, replicaGroups } from "./pool";

/** Which replica a request goes to, and which it falls back to: pure, so every case is spelled out. */
type R = ReplicaHealth & { name: string };
const now = 1_000_000;
const order = (list: R[], turn = 0, lagAvoidSeconds = 60) =>
  replicaGroups(list, { now, turn, lagAvoidSeconds })
    .flat()
    .map((r) => r.name);

describe("replicaGroups", () => {
  it("spreads requests round-robin over healthy replicas", () => {
    const list: R[] = [{ name: "a" }, { name: "b" }, { name: "c" }];
    expect([0, 1, 2, 3].map((turn) => order(list, turn)[0])).toEqual(["a", "b", "c", "a"]);
    expect(order(list, 1)).toEqual(["b", "c", "a"]);
  });

  it("avoids a replica that failed lately, and tries it last", () => {
    const list: R[] = [{ name: "a", failedAt: now - 1_000 }, { name: "b" }, { name: "c" }];
    expect([0, 1, 2].map((turn) => order(list, turn)[0])).toEqual(["b", "c", "b"]);
    expect(order(list, 0)).toEqual(["b", "c", "a"]);
  });

  it("uses a failed replica again once the avoidance period is over", () => {
    const list: R[] = [{ name: "a", failedAt: now - AVOID_FAILED_MS - 1 }, { name: "b" }];
    expect(order(list, 0)).toEqual(["a", "b"]);
  });

  it("avoids a replica lagging far behind the freshest, but keeps it as a fallback", () => {
    // best lag 2 s; c is 600 - 2 = 598 s behind it (> 60): after a and b; b is 62 - 2 = 60 s behind (= 60): kept.
    const list: R[] = [
      { name: "a", lagSeconds: 2 },
      { name: "b", lagSeconds: 62 },
      { name: "c", lagSeconds: 600 },
    ];
    expect(order(list, 0)).toEqual(["a", "b", "c"]);
    expect(order(list, 1)).toEqual(["b", "a", "c"]);
  });

  it("judges lag only among healthy replicas: a fresh replica that is down does not make the others 'lagging'", () => {
    const list: R[] = [
      { name: "a", lagSeconds: 0, failedAt: now - 100 },
      { name: "b", lagSeconds: 300 },
      { name: "c", lagSeconds: 330 },
    ];
    expect(order(list, 0)).toEqual(["b", "c", "a"]);
  });

  it("treats a replica whose lag is not known yet as fresh", () => {
    const list: R[] = [{ name: "a", lagSeconds: 5 }, { name: "b" }];
    expect(order(list, 1)).toEqual(["b", "a"]);
  });

  it("still tries every replica when all have failed, the one that failed longest ago first", () => {
    const list: R[] = [
      { name: "a", failedAt: now - 10 },
      { name: "b", failedAt: now - 5_000 },
    ];
    expect(order(list, 0)).toEqual(["b", "a"]);
  });
});
