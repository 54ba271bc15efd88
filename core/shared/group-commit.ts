/**
 * Group commit: callers that arrive while a batch for the same key is being written wait, and
 * are then written together in the next batch — one transaction, one lock, one fsync for many.
 * Before each batch that is not yet full the lane yields once to the event loop (`setImmediate`),
 * so that every request already read from the network joins it. Without that yield nothing would
 * ever batch on SQLite: better-sqlite3 is synchronous, so a whole transaction completes in one
 * turn of microtasks before the next request is even parsed. The yield costs one loop turn, not
 * a timer.
 *
 * `write` decides every item of a batch and returns one outcome per item, in order; an item it
 * refuses (a duplicate, a full seat) is an `error` outcome and does not disturb the others. Should
 * `write` throw for the whole batch (an unexpected database error), each item is written again
 * alone, so one bad item cannot fail its neighbours and everyone gets the answer they would have
 * got without batching. Each caller's promise settles only after its batch has committed.
 *
 * See docs/seat-allocation.md for why registrations use this.
 */
export type Outcome<T> = { value: T } | { error: unknown };

interface Waiting<I, T> {
  item: I;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface Lane<I, T> {
  waiting: Waiting<I, T>[];
  busy: boolean;
}

export class GroupCommit<I, T> {
  readonly #lanes = new Map<string, Lane<I, T>>();
  readonly #write: (key: string, items: I[]) => Promise<Outcome<T>[]>;
  readonly #maxBatch: number;

  constructor(write: (key: string, items: I[]) => Promise<Outcome<T>[]>, options: { maxBatch?: number } = {}) {
    this.#write = write;
    this.#maxBatch = options.maxBatch ?? 100;
  }

  submit(key: string, item: I): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lane = this.#lanes.get(key);
      if (!lane) {
        lane = { waiting: [], busy: false };
        this.#lanes.set(key, lane);
      }
      lane.waiting.push({ item, resolve, reject });
      if (!lane.busy) void this.#drain(key, lane);
    });
  }

  async #drain(key: string, lane: Lane<I, T>): Promise<void> {
    lane.busy = true;
    while (lane.waiting.length > 0) {
      // A full batch is already waiting: nothing more could join it, so it starts at once. (Under a
      // flood, a turn of the loop means parsing every request that arrived meanwhile first.)
      if (lane.waiting.length < this.#maxBatch) await new Promise((resolve) => setImmediate(resolve));
      const batch = lane.waiting.splice(0, this.#maxBatch);
      await this.#settle(key, batch);
    }
    lane.busy = false;
    this.#lanes.delete(key);
  }

  async #settle(key: string, batch: Waiting<I, T>[]): Promise<void> {
    let outcomes: Outcome<T>[];
    try {
      outcomes = await this.#write(
        key,
        batch.map((w) => w.item),
      );
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const one of batch) await this.#settle(key, [one]);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if (!outcome) waiting.reject(new Error("group commit: no outcome for an item"));
      else if ("value" in outcome) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
