/**
 * The community scope (ADR 035): a Kysely plugin that rewrites every query for one community, so
 * that no use case can forget it. On a community table (db/community-tables.ts):
 *
 * - a select, update or delete gets `<table or alias>.community_id = :id` — in the WHERE clause
 *   for the tables it reads from, updates or deletes, in the ON clause for a joined table (a left
 *   join keeps its meaning), and in every subquery, CTE and set operation the same way;
 * - an insert gets `community_id` on every row (the code never names the column: naming it is an
 *   error), and an `on conflict (…)` naming a per-community key (COMMUNITY_KEYS) gets
 *   `community_id` first, as migration 0700 made those keys;
 * - raw SQL (`sql\`…\``) that names a community table after FROM, JOIN, INTO, UPDATE or TABLE, or
 *   holds `sql.table()` of one, cannot be rewritten: it throws, in tests and in production alike.
 *
 * `db.withPlugin(communityScope(id))` is the scoped database; transactions and connections opened
 * from it carry the plugin too.
 */
import {
  AliasNode,
  AndNode,
  BinaryOperationNode,
  ColumnNode,
  type DeleteQueryNode,
  IdentifierNode,
  type InsertQueryNode,
  type JoinNode,
  type KyselyPlugin,
  OnNode,
  OperationNodeTransformer,
  type OperationNode,
  OperatorNode,
  ParensNode,
  PrimitiveValueListNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RawNode,
  ReferenceNode,
  type RootOperationNode,
  type SelectQueryNode,
  SelectionNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  WhereNode,
} from "kysely";
import { isCommunityKey, isCommunityTable } from "./community-tables.ts";

export const COMMUNITY_COLUMN = "community_id";

/** Thrown when a query cannot be scoped: the code must be changed, never the scope relaxed. */
export class UnscopableQueryError extends Error {
  override name = "UnscopableQueryError";
}

export interface CommunityScopePlugin extends KyselyPlugin {
  readonly communityId: string;
}

/** The plugin that scopes every query to the community `communityId`. */
export function communityScope(communityId: string): CommunityScopePlugin {
  if (!/^[0-9a-z]{1,64}$/.test(communityId)) throw new Error(`not a community id: ${communityId}`);
  const transformer = new ScopeTransformer(communityId);
  return {
    communityId,
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      return transformer.transformNode(args.node, args.queryId);
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
}

/** The community a scoped database acts for, or undefined for the installation's own (unscoped) handle. */
export function scopeOf(db: { getExecutor(): { plugins: readonly KyselyPlugin[] } }): string | undefined {
  const plugin = db.getExecutor().plugins.find((p): p is CommunityScopePlugin => "communityId" in p);
  return plugin?.communityId;
}

/** The community table a FROM/JOIN/UPDATE target names, and the name to qualify its columns with. */
function scopedTarget(node: OperationNode): { table: string; ref: string } | undefined {
  if (TableNode.is(node)) {
    const table = node.table.identifier.name;
    return isCommunityTable(table) ? { table, ref: table } : undefined;
  }
  if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) {
    const table = node.node.table.identifier.name;
    return isCommunityTable(table) ? { table, ref: node.alias.name } : undefined;
  }
  return undefined;
}

const RAW_TABLE = /\b(?:from|join|into|update|table)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;

class ScopeTransformer extends OperationNodeTransformer {
  readonly #id: string;

  constructor(id: string) {
    super();
    this.#id = id;
  }

  #predicate(ref: string): OperationNode {
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(COMMUNITY_COLUMN), TableNode.create(ref)),
      OperatorNode.create("="),
      ValueNode.create(this.#id),
    );
  }

  /**
   * Whether `node` (a WHERE or ON condition) already holds this scope's predicate for `ref` at its
   * top level: a query builder used inside another (a subquery) is transformed once on its own
   * and again within the outer query.
   */
  #scoped(node: OperationNode | undefined, ref: string): boolean {
    if (!node) return false;
    if (AndNode.is(node)) return this.#scoped(node.left, ref) || this.#scoped(node.right, ref);
    if (ParensNode.is(node)) return this.#scoped(node.node, ref);
    if (!BinaryOperationNode.is(node)) return false;
    const { leftOperand: left, rightOperand: right } = node;
    return (
      ReferenceNode.is(left) &&
      ColumnNode.is(left.column) &&
      left.column.column.name === COMMUNITY_COLUMN &&
      left.table?.table.identifier.name === ref &&
      ValueNode.is(right) &&
      right.value === this.#id
    );
  }

  #and(existing: OperationNode | undefined, predicates: OperationNode[]): OperationNode | undefined {
    let result: OperationNode | undefined = existing ? ParensNode.create(existing) : undefined;
    for (const p of predicates) result = result ? AndNode.create(result, p) : p;
    return result;
  }

  #where(where: WhereNode | undefined, targets: readonly OperationNode[]): WhereNode | undefined {
    const predicates = targets.flatMap((t) => {
      const target = scopedTarget(t);
      return target && !this.#scoped(where?.where, target.ref) ? [this.#predicate(target.ref)] : [];
    });
    if (predicates.length === 0) return where;
    return WhereNode.create(this.#and(where?.where, predicates)!);
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: any): SelectQueryNode {
    const t = super.transformSelectQuery(node, queryId);
    if (!t.from) return t;
    return { ...t, where: this.#where(t.where, t.from.froms) };
  }

  protected override transformUpdateQuery(node: UpdateQueryNode, queryId?: any): UpdateQueryNode {
    const t = super.transformUpdateQuery(node, queryId);
    for (const update of t.updates ?? []) {
      const own = ValueNode.is(update.value) && update.value.value === this.#id;
      if (ColumnNode.is(update.column) && update.column.column.name === COMMUNITY_COLUMN && !own) {
        throw new UnscopableQueryError("a query may not move a row to another community");
      }
    }
    const targets = [...(t.table ? [t.table] : []), ...(t.from?.froms ?? [])];
    return { ...t, where: this.#where(t.where, targets) };
  }

  protected override transformDeleteQuery(node: DeleteQueryNode, queryId?: any): DeleteQueryNode {
    const t = super.transformDeleteQuery(node, queryId);
    const targets = [...t.from.froms, ...(t.using?.tables ?? [])];
    return { ...t, where: this.#where(t.where, targets) };
  }

  protected override transformJoin(node: JoinNode, queryId?: any): JoinNode {
    const t = super.transformJoin(node, queryId);
    const target = scopedTarget(t.table);
    if (!target || this.#scoped(t.on?.on, target.ref)) return t;
    if (!t.on) {
      throw new UnscopableQueryError(
        `a join of ${target.table} without ON cannot be scoped; join it with an ON clause`,
      );
    }
    return { ...t, on: OnNode.create(this.#and(t.on.on, [this.#predicate(target.ref)])!) };
  }

  protected override transformInsertQuery(node: InsertQueryNode, queryId?: any): InsertQueryNode {
    const t = super.transformInsertQuery(node, queryId);
    if (!t.into || !isCommunityTable(t.into.table.identifier.name)) return t;
    const columns = t.columns ?? [];
    const named = columns.findIndex((c) => c.column.name === COMMUNITY_COLUMN);
    if (named >= 0) {
      // A row copied from a select (`{ ...row, id }`) carries its community: the scope's own
      // passes as it is, any other is refused.
      if (!this.#ownValues(t.values, named)) {
        throw new UnscopableQueryError("a query may not write another community's community_id");
      }
      return t;
    }
    let values = t.values;
    if (values && ValuesNode.is(values)) {
      values = ValuesNode.create(
        values.values.map((row) =>
          PrimitiveValueListNode.is(row)
            ? PrimitiveValueListNode.create([...row.values, this.#id])
            : ValueListNode.create([...(row as ValueListNode).values, ValueNode.create(this.#id)]),
        ),
      );
    } else if (values && values.kind === "SelectQueryNode") {
      const select = values as SelectQueryNode;
      const value = AliasNode.create(ValueNode.createImmediate(this.#id), IdentifierNode.create(COMMUNITY_COLUMN));
      values = {
        ...select,
        selections: [...(select.selections ?? []), SelectionNode.create(value)],
      } as SelectQueryNode;
    } else {
      throw new UnscopableQueryError(`an insert into ${t.into.table.identifier.name} without values cannot be scoped`);
    }
    const table = t.into.table.identifier.name;
    const conflict = t.onConflict?.columns?.map((c) => c.column.name);
    const onConflict =
      t.onConflict && conflict && isCommunityKey(table, conflict)
        ? { ...t.onConflict, columns: [ColumnNode.create(COMMUNITY_COLUMN), ...t.onConflict.columns!] }
        : t.onConflict;
    return { ...t, columns: [...columns, ColumnNode.create(COMMUNITY_COLUMN)], values, onConflict };
  }

  /** Whether every row of `values` holds this scope's id at `index`. */
  #ownValues(values: OperationNode | undefined, index: number): boolean {
    if (!values || !ValuesNode.is(values)) return false;
    return values.values.every((row) => {
      const value = PrimitiveValueListNode.is(row) ? row.values[index] : (row as ValueListNode).values[index];
      return (
        value === this.#id ||
        (value !== undefined && ValueNode.is(value as OperationNode) && (value as ValueNode).value === this.#id)
      );
    });
  }

  protected override transformRaw(node: RawNode, queryId?: any): RawNode {
    const t = super.transformRaw(node, queryId);
    for (const match of t.sqlFragments.join(" ? ").matchAll(RAW_TABLE)) {
      if (isCommunityTable(match[1]!)) {
        throw new UnscopableQueryError(
          `raw SQL names the community table ${match[1]}; write it with the query builder so the scope applies`,
        );
      }
    }
    for (const parameter of t.parameters) {
      const target = scopedTarget(parameter);
      if (target) {
        throw new UnscopableQueryError(`raw SQL holds the community table ${target.table}; use the query builder`);
      }
    }
    return t;
  }
}
