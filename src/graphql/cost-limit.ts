/**
 * The query-cost limit: graphql-armor's own rule, with a page size weighed the same however it is
 * written. Armor multiplies a list's cost by `first`/`last` only when the number is written in the
 * query, so `endorsementsDue(first: 1000) { id holder { name } }` — a page SPEC allows ("at most
 * 1000") — was refused while the same query with `first: $n`, n = 1000, was served. Page sizes are
 * capped (1000) and every list is read in bounded memory, so the cost here measures the shape of a
 * query (fields, nesting, fragments): armor's rule weighs the document with those literals taken out.
 */
import { costLimitRule, type CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import {
  Kind,
  visit,
  type ArgumentNode,
  type FragmentDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

const PAGE_SIZES = new Set(['first', 'last']);

export function costLimit(options: CostLimitOptions): ValidationRule {
  // a rejection is reported as a validation error (armor's default throws it: an HTTP 500 here)
  const rule = costLimitRule({
    ...options,
    propagateOnRejection: false,
    onReject: [(ctx, error) => ctx?.reportError(error)],
  });
  return (context) => ({
    Document(doc) {
      // the literal becomes a variable: armor then weighs the list once, as for `first: $n`
      // (a document without one comes back as it was)
      const shaped = visit(doc, {
        Argument(node: ArgumentNode) {
          if (!PAGE_SIZES.has(node.name.value) || node.value.kind !== Kind.INT) return undefined;
          return { ...node, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'pageSize' } } };
        },
      });
      // armor's visitor, on this request's context, reading the shaped fragments: one walk, no
      // second validation of the document
      const fragments = new Map(
        shaped.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((f) => [f.name.value, f]),
      );
      const view = Object.create(context, {
        getFragment: { value: (name: string) => fragments.get(name) },
      }) as ValidationContext;
      const armor = rule(view);
      for (const d of shaped.definitions)
        if (d.kind === Kind.OPERATION_DEFINITION) armor.onOperationDefinitionEnter(d);
      return false; // this rule's own walk ends here; the other rules walk the document as sent
    },
  });
}
