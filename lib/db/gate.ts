/**
 * A counting semaphore with a first-come, first-served queue: at most
 * `capacity` holders at once, the others wait (up to a timeout, or until
 * their request goes away). Lookback keeps one per replica (its pool's
 * connections: waiting for a free one is "busy", not "down") and one per
 * source for heavy reports (see heavyGate in pool.ts), whose queue is short.
 */
export type Release = () => void;

/** The wait for a free place ran out: the caller turns it into a `busy` SourceError. */
export class GateTimeout extends Error {
  override name = "GateTimeout";

  /**
   * Gates are process-wide (pool.ts), but Next.js bundles this module once
   * per route: a gate made by the API's copy throws that copy's class into a
   * page's code. Recognise the error by its name, so `instanceof` holds
   * whichever copy made the gate.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === "GateTimeout";
  }
}

interface Waiter {
  grant(release: Release): void;
}

export class Gate {
  private held = 0;
  private readonly queue: Waiter[] = [];

  /**
   * `maxWaiting`: how many may queue for a place; one more is refused at
   * once (GateTimeout) instead of queueing. Heavy reports use it so that a
   * full heavy lane answers "busy" now rather than after the queue timeout.
   */
  constructor(
    readonly capacity: number,
    readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  /** Callers queued for a place right now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Places taken right now. */
  get inUse(): number {
    return this.held;
  }

  get free(): number {
    return this.capacity - this.held;
  }

  /** A place now, or undefined when all are taken (or others already wait for one: no overtaking). */
  tryAcquire(): Release | undefined {
    if (this.held >= this.capacity || this.queue.length > 0) return undefined;
    this.held++;
    return this.releaser();
  }

  /** A place, waiting at most `ms` for one (GateTimeout), or until `signal` aborts (its reason). */
  acquire(ms: number, signal?: AbortSignal): Promise<Release> {
    signal?.throwIfAborted();
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    if (ms <= 0) return Promise.reject(new GateTimeout("no free place"));
    if (this.queue.length >= this.maxWaiting)
      return Promise.reject(new GateTimeout("no free place and the queue is full"));
    return new Promise((resolve, reject) => {
      const leave = (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        reject(error);
      };
      const onAbort = () => leave(signal?.reason);
      const timer = setTimeout(() => leave(new GateTimeout(`no free place within ${ms} ms`)), ms);
      const waiter: Waiter = {
        grant: (release) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Gives the place back, once: straight to the first waiter, if any (the count stays the same). */
  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next.grant(this.releaser());
      else this.held--;
    };
  }
}
