/**
 * What the use cases report as they happen, for operations (metrics). Injected through Deps, so the
 * use cases never know where the figures go; every method is told only what is safe to count (codes,
 * never ids or personal data), and only after the rows it counts are committed.
 */
export interface Observer {
  /** audit entries committed to the chain */
  auditAppended(count: number): void;
  /** an eligibility decision recorded */
  decided(entitlementCode: string, eligible: boolean): void;
  /** an act refused under the rules (RULE_VIOLATION's reason, or a refused application's failed reason) */
  refused(reason: string): void;
}

export const NO_OBSERVER: Observer = {
  auditAppended: () => undefined,
  decided: () => undefined,
  refused: () => undefined,
};
