/**
 * Which hidden figures of a table could be solved for from the figures shown beside them.
 *
 * A table is a set of non-negative integer variables (every count a view could show, and the
 * counts it never shows, e.g. "did not answer") tied by linear relations whose right-hand sides
 * are public constants (whole-sample counts). A view shows some variables; a hidden variable is
 * *pinned* when every integer solution consistent with the shown values gives it the same value,
 * i.e. it can be derived by subtraction, however indirectly. Small tables make this exact: one
 * integer feasibility problem per direction ("could it be one more? one less?").
 */
import { solve } from "yalps";

export interface Relation {
  terms: readonly (readonly [variable: string, coefficient: number])[];
  equal?: number;
  min?: number;
  max?: number;
}

export interface LinearTable {
  /** The true value of every variable (the secretariat's figures). */
  values: ReadonlyMap<string, number>;
  relations: readonly Relation[];
}

/** The relations of each variable, so a problem contains only what can move with its target. */
function relationsByVariable(table: LinearTable): Map<string, number[]> {
  const byVariable = new Map<string, number[]>();
  table.relations.forEach((relation, index) => {
    for (const [name] of relation.terms) {
      const list = byVariable.get(name);
      if (list) list.push(index);
      else byVariable.set(name, [index]);
    }
  });
  return byVariable;
}

const isIntegral = (x: number) => Math.abs(x - Math.round(x)) < 1e-7;

/** The audit would cost more than its budget: the caller shows nothing rather than wait. */
export class AuditBudgetExceeded extends Error {
  constructor() {
    super("disclosure audit: over its budget");
  }
}

export class DisclosureAudit {
  private readonly byVariable: Map<string, number[]>;
  private readonly table: LinearTable;
  /** The most work (Σ over the problems solved of their variables²) this audit may do. */
  private readonly budget: number;
  /** The most variables one problem may have. */
  readonly largestProblem: number;
  private work = 0;

  /** Variables zero in every solution whatever is shown (a part of a public zero total). */
  private readonly zero = new Set<string>();

  constructor(table: LinearTable, limits: { budget?: number; largestProblem?: number } = {}) {
    this.table = table;
    this.budget = limits.budget ?? Number.POSITIVE_INFINITY;
    this.largestProblem = limits.largestProblem ?? Number.POSITIVE_INFINITY;
    this.byVariable = relationsByVariable(table);
    for (const relation of table.relations) {
      const bound = relation.equal ?? relation.max;
      if (bound !== 0 || !relation.terms.every(([, c]) => c > 0)) continue;
      for (const [name] of relation.terms) this.zero.add(name);
    }
  }

  /** How many variables can take more than one value at all (the size of the problems solved). */
  get freeVariables(): number {
    return this.table.values.size - this.zero.size;
  }

  /**
   * The size of the largest set of hidden variables tied together by relations (shown ones are
   * constants): the largest problem an audit of this view solves, whatever the table's size.
   */
  largestComponent(hidden: ReadonlySet<string>): number {
    const seen = new Set<string>();
    let largest = 0;
    for (const name of hidden) {
      if (seen.has(name) || !this.unknown(name, hidden)) continue;
      const { variables } = this.component(name, hidden);
      for (const v of variables) seen.add(v);
      largest = Math.max(largest, variables.size);
    }
    return largest;
  }

  private unknown(name: string, hidden: ReadonlySet<string>): boolean {
    return hidden.has(name) && !this.zero.has(name);
  }

  value(name: string): number {
    const value = this.table.values.get(name);
    if (value === undefined) throw new Error(`disclosure audit: unknown variable ${name}`);
    return value;
  }

  /** Variables sharing a relation with `name` (the figures whose suppression could protect it). */
  neighbours(name: string): Set<string> {
    const found = new Set<string>();
    for (const index of this.byVariable.get(name) ?? []) {
      for (const [other] of this.table.relations[index]!.terms) if (other !== name) found.add(other);
    }
    return found;
  }

  /**
   * The hidden variables connected to `start` through relations among hidden variables, and
   * those relations: shown variables are constants, so nothing beyond them can move.
   */
  private component(start: string, hidden: ReadonlySet<string>): { variables: Set<string>; relations: Set<number> } {
    const variables = new Set([start]);
    const relations = new Set<number>();
    const queue = [start];
    while (queue.length) {
      const name = queue.pop()!;
      for (const index of this.byVariable.get(name) ?? []) {
        if (relations.has(index)) continue;
        relations.add(index);
        for (const [other] of this.table.relations[index]!.terms) {
          if (this.unknown(other, hidden) && !variables.has(other)) {
            variables.add(other);
            queue.push(other);
          }
        }
      }
    }
    return { variables, relations };
  }

  /**
   * One integer solution of the hidden variables consistent with the shown ones, under an extra
   * bound and objective; null when none exists.
   */
  private solveWith(
    hidden: ReadonlySet<string>,
    scope: { variables: Set<string>; relations: Set<number> },
    extra: Relation | null,
    objective: ReadonlyMap<string, number> | null,
    integers: boolean,
  ): Map<string, number> | null {
    // A simplex over n variables costs about n² per pivot: the budget bounds the audit's time
    // without depending on the machine (a clock would show a table on one and hide it on another).
    this.work += scope.variables.size ** 2;
    if (this.work > this.budget || scope.variables.size > this.largestProblem) throw new AuditBudgetExceeded();
    const constraints = new Map<string, { equal?: number; min?: number; max?: number }>();
    const coefficients = new Map<string, Map<string, number>>([...scope.variables].map((v) => [v, new Map()]));
    const relations = [...scope.relations].map((i) => this.table.relations[i]!);
    if (extra) relations.push(extra);
    relations.forEach((relation, i) => {
      let constant = 0;
      let free = 0;
      for (const [name, coefficient] of relation.terms) {
        if (this.unknown(name, hidden)) {
          coefficients.get(name)!.set(`r${i}`, coefficient);
          free++;
        } else constant += coefficient * this.value(name);
      }
      const shift = (bound: number | undefined) => (bound === undefined ? undefined : bound - constant);
      if (!free) return;
      constraints.set(`r${i}`, { equal: shift(relation.equal), min: shift(relation.min), max: shift(relation.max) });
    });
    if (objective) {
      for (const [name, weight] of objective) coefficients.get(name)?.set("objective", weight);
    }
    const solution = solve(
      {
        direction: "maximize",
        objective: objective ? "objective" : undefined,
        constraints,
        variables: [...coefficients].map(([name, c]) => [name, c] as const),
        integers,
      },
      { includeZeroVariables: true, maxIterations: 100_000, timeout: 10_000 },
    );
    if (solution.status === "infeasible") return null;
    if (solution.status !== "optimal") throw new Error(`disclosure audit: solver ${solution.status}`);
    return new Map(solution.variables.map(([name, value]) => [name, value]));
  }

  /**
   * An integer solution: the linear relaxation first (most of these tables have integral
   * vertices), branch and bound only when its answer is fractional. No relaxed solution, no
   * integer one.
   */
  private integerSolution(
    hidden: ReadonlySet<string>,
    scope: { variables: Set<string>; relations: Set<number> },
    extra: Relation,
  ): boolean {
    const relaxed = this.solveWith(hidden, scope, extra, null, false);
    if (!relaxed) return false;
    if ([...relaxed.values()].every(isIntegral)) return true;
    return this.solveWith(hidden, scope, extra, null, true) !== null;
  }

  /** Whether `name` can take another value than its true one, given that only `hidden` are unknown. */
  canMove(name: string, hidden: ReadonlySet<string>): boolean {
    if (this.zero.has(name)) return false;
    return this.canMoveWithin(name, hidden, this.component(name, hidden));
  }

  private canMoveWithin(
    name: string,
    hidden: ReadonlySet<string>,
    scope: { variables: Set<string>; relations: Set<number> },
  ): boolean {
    const value = this.value(name);
    return (
      this.integerSolution(hidden, scope, { terms: [[name, 1]], min: value + 1 }) ||
      (value > 0 && this.integerSolution(hidden, scope, { terms: [[name, 1]], max: value - 1 }))
    );
  }

  /**
   * Whether `name` is pinned by the public figures alone (every variable unknown), answered
   * cheaply where it can be and never wrongly: pinned by the relations it is in by themselves (a
   * relaxation of the whole, so pinned there too), else by the whole table where that is no
   * larger than the audit's largest problem; in a wider table a figure not proven pinned counts as
   * movable, which only ever hides more.
   */
  pinnedByPublicFigures(name: string): boolean {
    if (this.zero.has(name)) return true;
    const all = new Set(this.table.values.keys());
    const relations = new Set(this.byVariable.get(name) ?? []);
    const variables = new Set<string>([name]);
    for (const index of relations)
      for (const [other] of this.table.relations[index]!.terms) if (this.unknown(other, all)) variables.add(other);
    if (!this.canMoveWithin(name, all, { variables, relations })) return true;
    const whole = this.component(name, all);
    if (whole.variables.size > this.largestProblem) return false;
    return !this.canMoveWithin(name, all, whole);
  }

  /**
   * The variables of `targets` (all hidden) that no solution moves: each is derivable from the
   * shown figures. A few solutions with arbitrary objectives first clear most targets at once.
   */
  pinned(targets: Iterable<string>, hidden: ReadonlySet<string>): string[] {
    const open = new Set([...targets].filter((name) => !this.zero.has(name)));
    const fixed = [...targets].filter((name) => this.zero.has(name));
    let seed = 1;
    // Random vertices clear most targets cheaply, one problem for a whole component; in each
    // component of open targets, stop once a round clears nothing new.
    const visited = new Set<string>();
    for (;;) {
      const start = [...open].find((name) => !visited.has(name));
      if (start === undefined) break;
      const scope = this.component(start, hidden);
      for (const v of scope.variables) visited.add(v);
      for (let round = 0, cleared = 1; round < 12 && (cleared || round < 3); round++) {
        if (![...scope.variables].some((v) => open.has(v))) break;
        const before = open.size;
        // A deterministic pseudo-random objective: different vertices of the solution set.
        const objective = new Map(
          [...scope.variables].map((v) => {
            seed = (seed * 48271) % 2147483647;
            return [v, (seed % 7) - 3] as const;
          }),
        );
        const solution = this.solveWith(hidden, scope, null, objective, false);
        if (!solution) throw new Error("disclosure audit: the true values do not satisfy the relations");
        // Only an integral vertex is a set of counts (a fractional one proves nothing).
        if ([...solution.values()].every(isIntegral)) {
          for (const [name, value] of solution) {
            if (open.has(name) && Math.round(value) !== this.value(name)) open.delete(name);
          }
        }
        cleared = before - open.size;
      }
    }
    return [...fixed, ...[...open].filter((name) => !this.canMove(name, hidden))];
  }
}
