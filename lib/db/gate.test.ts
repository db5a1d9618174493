import { describe, expect, it } from "vitest";
import { Gate, GateTimeout } from "./gate";

/** The semaphore behind "busy" and the heavy places: pure, so every case is spelled out. */
describe("Gate", () => {
  it("gives places up to its capacity, then makes callers wait in order of arrival", async () => {
    const gate = new Gate(2);
    const a = await gate.acquire(100);
    await gate.acquire(100);
    expect(gate.inUse).toBe(2);
    expect(gate.tryAcquire()).toBeUndefined();
    const order: string[] = [];
    const arrive = (name: string) =>
      gate.acquire(1_000).then((release) => {
        order.push(name);
        return release;
      });
    const first = arrive("first");
    const second = arrive("second");
    a();
    a(); // releasing twice gives back one place only
    (await first)();
    await second;
    expect(order).toEqual(["first", "second"]);
    expect(gate.inUse).toBe(2);
  });

  it("gives up after its timeout, leaving the queue and the count as they were", async () => {
    const gate = new Gate(1);
    const held = await gate.acquire(0);
    await expect(gate.acquire(30)).rejects.toBeInstanceOf(GateTimeout);
    await expect(gate.acquire(0)).rejects.toBeInstanceOf(GateTimeout);
    held();
    expect(gate.inUse).toBe(0);
    expect(gate.tryAcquire()).toBeDefined();
  });

  it("stops waiting when the caller goes away", async () => {
    const gate = new Gate(1);
    const held = await gate.acquire(0);
    const controller = new AbortController();
    const waiting = gate.acquire(10_000, controller.signal);
    controller.abort(new Error("gone"));
    await expect(waiting).rejects.toThrow("gone");
    held();
    expect(gate.inUse).toBe(0);
  });
});

describe("GateTimeout", () => {
  it("is recognised by name, whichever copy of this module threw it", () => {
    const fromAnotherCopy = Object.assign(new Error("no free place"), { name: "GateTimeout" });
    expect(fromAnotherCopy instanceof GateTimeout).toBe(true);
    expect(new Error("other") instanceof GateTimeout).toBe(false);
  });
});
