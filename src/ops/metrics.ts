/**
 * Prometheus metrics (prom-client), one registry per gateway. Every label comes from a fixed set:
 * routes, root field names of the schema, error codes, entitlement codes of the Art. 18/19
 * catalogue (local ones count as LOCAL, anything else as UNKNOWN) and reason codes. No ids, no
 * personal data, no tokens: nothing that grows with the data. README "Metrics" says what each
 * metric means and what an alert on it would mean.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CATALOGUE, ENTITLEMENT_CODE } from '../law';
import type { Observer } from '../app/observer';

const CATALOGUE_CODES: ReadonlySet<string> = new Set(CATALOGUE.map((e) => e.code));

/** The routes the gateway serves; everything else is `other`. */
const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/.well-known/jwks.json']);

export function routeLabel(pathname: string): string {
  if (ROUTES.has(pathname)) return pathname;
  if (pathname === '/console' || pathname.startsWith('/console/')) return '/console';
  if (pathname === '/explorer' || pathname.startsWith('/explorer/')) return '/explorer';
  return 'other';
}

/** A reason or error code is an upper-case identifier; anything else is not a label. */
const codeLabel = (code: string | undefined | null) =>
  code && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';

export interface Metrics {
  readonly registry: Registry;
  readonly observer: Observer;
  http(route: string, status: number, seconds: number): void;
  /** one GraphQL root field answered, with the code of its error (OK when none) */
  operation(rootField: string, code: string | null): void;
  databaseReady(ready: boolean): void;
  /** whether the rate limit is shared across nodes (Redis reachable); null when not configured */
  sharedRateLimit(shared: boolean | null): void;
  /** the Prometheus text exposition */
  render(): Promise<string>;
  readonly contentType: string;
}

export function createMetrics(o: {
  rootFields: readonly string[];
  defaultMetrics?: boolean;
  /** REDIS_URL set: the shared-limit gauge is exposed */ sharedRateLimit?: boolean;
}): Metrics {
  const registry = new Registry();
  if (o.defaultMetrics !== false)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  // NONE: a request refused before any root field ran (no token, rate limit, a document that does not validate)
  const rootFields = new Set([...o.rootFields, 'NONE']);

  const httpRequests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route',
    labelNames: ['route'],
    registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const operations = new Counter({
    name: 'gateway_graphql_operations_total',
    help: 'GraphQL root fields answered, by field and error code (OK: no error)',
    labelNames: ['field', 'code'],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'gateway_eligibility_decisions_total',
    help: 'Eligibility decisions recorded, by entitlement (LOCAL for local items) and outcome',
    labelNames: ['entitlement', 'outcome'],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'gateway_rule_refusals_total',
    help: 'Acts refused under the rules (RULE_VIOLATION, refused applications), by reason code',
    labelNames: ['reason'],
    registers: [registry],
  });
  const audit = new Counter({
    name: 'gateway_audit_entries_appended_total',
    help: 'Audit entries committed to the hash chain',
    registers: [registry],
  });
  const dbReady = new Gauge({
    name: 'gateway_database_ready',
    help: '1 when the last readiness check reached the database, else 0',
    registers: [registry],
  });
  const shared = new Gauge({
    name: 'gateway_rate_limit_shared',
    help: '1 when the rate limit is shared across nodes (Redis reachable), 0 when on per-process limits, absent when not configured',
    registers: o.sharedRateLimit ? [registry] : [],
  });
  dbReady.set(1);

  return {
    registry,
    contentType: registry.contentType,
    observer: {
      auditAppended: (n) => {
        if (n > 0) audit.inc(n);
      },
      decided: (code, eligible) =>
        decisions.inc({
          entitlement: entitlementLabel(code),
          outcome: eligible ? 'ELIGIBLE' : 'NOT_ELIGIBLE',
        }),
      refused: (reason) => refusals.inc({ reason: codeLabel(reason) }),
    },
    http: (route, status, seconds) => {
      httpRequests.inc({ route, status: String(status) });
      httpDuration.observe({ route }, seconds);
    },
    operation: (field, code) =>
      operations.inc({
        field: rootFields.has(field) ? field : 'OTHER',
        code: code === null ? 'OK' : codeLabel(code),
      }),
    databaseReady: (ready) => dbReady.set(ready ? 1 : 0),
    sharedRateLimit: (s) => {
      if (s === null) shared.reset();
      else shared.set(s ? 1 : 0);
    },
    render: () => registry.metrics(),
  };
}

/** Catalogue codes as they are; local items (Art. 18(12), 19(6)) as LOCAL; anything else UNKNOWN. */
export function entitlementLabel(code: string): string {
  if (CATALOGUE_CODES.has(code)) return code;
  return ENTITLEMENT_CODE.test(code) ? 'LOCAL' : 'UNKNOWN';
}
