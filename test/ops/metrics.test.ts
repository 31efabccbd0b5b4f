/**
 * GET /metrics over HTTP on every database: Prometheus text, and after a known sequence of requests
 * each counter moved by the expected amount — HTTP requests and latency by route, GraphQL root fields
 * by error code, eligibility decisions (a catalogue code, and LOCAL for a local entitlement), rule
 * refusals by reason, audit entries equal to the audit log's growth, database readiness, the shared
 * rate limit (absent without Redis, 1 with it), the default process metrics. No label carries an ID
 * number, a name, a token or a decision id; METRICS_TOKEN guards the endpoint.
 */
import { REDIS_URL, redisAnswers } from '../support/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, TEST_ENV, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  DEFINE_LOCAL,
  ENDORSE,
  ISSUE,
  REGISTER,
  VERIFY,
  allAuditEntries,
  fails,
  idNumber,
  ok,
  registration,
} from '../e2e/helpers';

const DBS = await databases();
const METRICS_TOKEN = 'metrics-scrape-token-0123456789abcdef';
const REDIS_UP = await redisAnswers(REDIS_URL);
if (process.env.CI === 'true' && !REDIS_UP) throw new Error(`CI=true requires Redis at ${REDIS_URL}`);

/** One sample of the exposition: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format (0.0.4), line by line: # HELP / # TYPE, then `name{l="v",…} value`. */
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|[Nn]a[Nn]|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus text line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
      let rest = m[2];
      for (let l = re.exec(rest); l; l = re.exec(rest)) labels[l[1]] = l[2]!;
      rest = rest.replace(re, '');
      if (rest !== '') throw new Error(`bad labels in ${line}`);
    }
    // prom-client writes an empty event-loop histogram's mean as "Nan" (Prometheus reads it case-insensitively)
    samples.push({ name: m[1], labels, value: /^nan$/i.test(m[3]) ? NaN : Number(m[3]) });
  }
  return { samples, types };
}

type Scrape = ReturnType<typeof parse> & { text: string };

/** The value of the sample with exactly these labels (0 when absent: a counter not yet touched). */
function value(s: Scrape, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels);
  const hit = s.samples.find(
    (x) =>
      x.name === name &&
      Object.keys(x.labels).length === want.length &&
      want.every(([k, v]) => x.labels[k] === v),
  );
  return hit?.value ?? 0;
}
const has = (s: Scrape, name: string) => s.samples.some((x) => x.name === name);

const LOCAL_CODE = 'CITY_BUS_PASS_METRICS';

describe.each(DBS)('/metrics on %s', (db) => {
  let g: TestGateway;
  let metricsUrl = '';
  const t: Record<string, string> = {};
  const scrape = async (): Promise<Scrape> => {
    const r = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    return { ...parse(text), text };
  };
  const auditCount = async () => (await allAuditEntries(g, t.auditor)).length;

  beforeAll(async () => {
    g = await startGateway(db, { env: { ...TEST_ENV, METRICS_TOKEN } });
    metricsUrl = g.url.replace('/graphql', '/metrics');
    for (const [k, c] of Object.entries(CALLERS)) t[k] = await g.token(c);
    t.transitLocal = await g.token({
      sub: 'test:transit-city-local',
      role: 'DEPARTMENT',
      region: '410300',
      department: 'TRANSPORT',
      scope: LOCAL_CODE,
    });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('METRICS_TOKEN: 401 without a bearer and with a wrong one, 200 with it', async () => {
    const none = await fetch(metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.text()).not.toContain('gateway_');
    const wrong = await fetch(metricsUrl, { headers: { authorization: 'Bearer not-the-metrics-token' } });
    expect(wrong.status).toBe(401);
    // a gateway token is not the metrics token either
    const gatewayToken = await fetch(metricsUrl, { headers: { authorization: `Bearer ${t.auditor}` } });
    expect(gatewayToken.status).toBe(401);
    const right = await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('# TYPE gateway_http_requests_total counter');
  });

  it('after a known sequence of requests every counter moved by the expected amount', async () => {
    const holder = { id: idNumber('411302', '19850620', '246'), name: '指标甲' };
    const early = { id: idNumber('411302', '19900315', '123'), name: '指标乙' };
    const auditBefore = await auditCount();
    const before = await scrape();

    // HTTP: three health checks, two unknown paths (one carrying an ID number: still `other`)
    for (let i = 0; i < 3; i += 1)
      expect((await fetch(g.url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect((await fetch(g.url.replace('/graphql', '/no-such-route'))).status).toBe(404);
    expect((await fetch(g.url.replace('/graphql', `/permits/${holder.id}`))).status).toBe(404);
    // refused before anything executes: no token, and a bad token
    expect((await g.gql('{ regions { code } }')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await g.gql('{ regions { code } }', {}, 'not.a.token')).body.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    // a department may not register a residence
    expect(
      (
        await fails(
          g,
          REGISTER,
          { input: registration(holder.id, holder.name, '410302', '2024-01-10') },
          t.housing,
        )
      ).extensions?.code,
    ).toBe('FORBIDDEN');

    // an older permit, and an endorsement before its window opens
    await ok(
      g,
      REGISTER,
      { input: registration(holder.id, holder.name, '410302', '2024-01-10') },
      t.psLaocheng,
    );
    const app = (
      await ok(g, APPLY, { input: { citizenIdNumber: holder.id, appliedOn: '2024-08-01' } }, t.psLaocheng)
    ).applyForPermit;
    expect(app.status).toBe('ACCEPTED');
    const permit = (await ok(g, ISSUE, { id: app.id, on: '2024-08-05' }, t.psLaocheng)).issuePermit;
    const endorse = await fails(g, ENDORSE, { id: permit.id, on: '2025-06-01' }, t.psLaocheng);
    expect(endorse.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      reason: 'ENDORSEMENT_WINDOW_NOT_OPEN',
    });
    const decisionIds = [String(endorse.extensions?.decisionId)];
    // an application one day short of six months: refused, SIX_MONTHS_RESIDENCE its failed reason
    await ok(
      g,
      REGISTER,
      { input: registration(early.id, early.name, '410302', '2026-03-15') },
      t.psLaocheng,
    );
    const refused = (
      await ok(g, APPLY, { input: { citizenIdNumber: early.id, appliedOn: '2026-09-15' } }, t.psLaocheng)
    ).applyForPermit;
    expect(refused.status).toBe('REFUSED');
    const failed = (refused.reasons as { code: string; passed: boolean }[])
      .filter((r) => !r.passed)
      .map((r) => r.code);
    expect(failed).toEqual(['SIX_MONTHS_RESIDENCE']);

    // a catalogue decision by the housing department, twice
    const outcomes: boolean[] = [];
    for (let i = 0; i < 2; i += 1) {
      const d = (
        await ok(
          g,
          VERIFY,
          {
            q: { citizenIdNumber: holder.id, holderName: holder.name, entitlement: 'PUBLIC_RENTAL_HOUSING' },
          },
          t.housing,
        )
      ).verifyEligibility;
      outcomes.push(d.eligible);
      decisionIds.push(d.decisionId);
    }
    // a local entitlement defined by the city, verified by the city's transport department with it in scope
    await ok(
      g,
      DEFINE_LOCAL,
      {
        input: {
          code: LOCAL_CODE,
          kind: 'CONVENIENCE',
          nameZh: '市区公交优惠（指标）',
          nameEn: 'City bus concession (metrics)',
          department: 'TRANSPORT',
          regionCode: '410300',
          effectiveFrom: '2026-11-01',
        },
      },
      t.adminCity,
    );
    const local = (
      await ok(
        g,
        VERIFY,
        { q: { citizenIdNumber: early.id, holderName: early.name, entitlement: LOCAL_CODE } },
        t.transitLocal,
      )
    ).verifyEligibility;
    expect(local.entitlementCode).toBe(LOCAL_CODE);
    decisionIds.push(local.decisionId);

    const after = await scrape();
    const auditAfter = await auditCount();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      value(after, name, labels) - value(before, name, labels);

    // HTTP requests by route and status; the scrape `before` itself was counted once it was answered
    expect(delta('gateway_http_requests_total', { route: '/healthz', status: '200' })).toBe(3);
    expect(delta('gateway_http_requests_total', { route: 'other', status: '404' })).toBe(2);
    expect(delta('gateway_http_requests_total', { route: '/metrics', status: '200' })).toBe(1);
    expect(delta('gateway_http_requests_total', { route: '/graphql', status: '401' })).toBe(2);
    expect(
      after.samples
        .filter((x) => x.name === 'gateway_http_requests_total')
        .map((x) => x.labels.route)
        .sort(),
    ).toEqual(expect.arrayContaining(['/graphql', '/healthz', '/metrics', 'other']));
    for (const x of after.samples.filter((s) => s.name === 'gateway_http_requests_total')) {
      expect([
        '/graphql',
        '/healthz',
        '/readyz',
        '/metrics',
        '/.well-known/jwks.json',
        '/console',
        '/explorer',
        'other',
      ]).toContain(x.labels.route);
    }
    // the latency histogram: three more observations on /healthz, cumulative buckets ending at +Inf = count
    expect(after.types.get('gateway_http_request_duration_seconds')).toBe('histogram');
    expect(delta('gateway_http_request_duration_seconds_count', { route: '/healthz' })).toBe(3);
    const buckets = after.samples.filter(
      (x) => x.name === 'gateway_http_request_duration_seconds_bucket' && x.labels.route === '/graphql',
    );
    expect(buckets.at(-1)!.labels.le).toBe('+Inf');
    expect(buckets.at(-1)!.value).toBe(
      value(after, 'gateway_http_request_duration_seconds_count', { route: '/graphql' }),
    );
    for (let i = 1; i < buckets.length; i += 1)
      expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
    expect(value(after, 'gateway_http_request_duration_seconds_sum', { route: '/graphql' })).toBeGreaterThan(
      0,
    );

    // GraphQL root fields by code
    expect(delta('gateway_graphql_operations_total', { field: 'NONE', code: 'UNAUTHENTICATED' })).toBe(2);
    expect(delta('gateway_graphql_operations_total', { field: 'registerResidence', code: 'FORBIDDEN' })).toBe(
      1,
    );
    expect(delta('gateway_graphql_operations_total', { field: 'registerResidence', code: 'OK' })).toBe(2);
    expect(delta('gateway_graphql_operations_total', { field: 'applyForPermit', code: 'OK' })).toBe(2);
    expect(delta('gateway_graphql_operations_total', { field: 'issuePermit', code: 'OK' })).toBe(1);
    expect(
      delta('gateway_graphql_operations_total', { field: 'endorsePermit', code: 'RULE_VIOLATION' }),
    ).toBe(1);
    expect(delta('gateway_graphql_operations_total', { field: 'verifyEligibility', code: 'OK' })).toBe(3);
    expect(delta('gateway_graphql_operations_total', { field: 'defineLocalEntitlement', code: 'OK' })).toBe(
      1,
    );

    // decisions: the catalogue code as it is, the local one as LOCAL
    const outcome = (e: boolean) => (e ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
    for (const e of [true, false]) {
      expect(
        delta('gateway_eligibility_decisions_total', {
          entitlement: 'PUBLIC_RENTAL_HOUSING',
          outcome: outcome(e),
        }),
      ).toBe(outcomes.filter((o) => o === e).length);
    }
    expect(
      delta('gateway_eligibility_decisions_total', {
        entitlement: 'LOCAL',
        outcome: outcome(local.eligible),
      }),
    ).toBe(1);
    expect(after.text).not.toContain(LOCAL_CODE);

    // refusals by reason
    expect(delta('gateway_rule_refusals_total', { reason: 'ENDORSEMENT_WINDOW_NOT_OPEN' })).toBe(1);
    expect(delta('gateway_rule_refusals_total', { reason: 'SIX_MONTHS_RESIDENCE' })).toBe(1);

    // audit entries appended = the log's growth (registrations, application, issue, refusal, decisions, definition)
    expect(auditAfter - auditBefore).toBeGreaterThanOrEqual(9);
    expect(delta('gateway_audit_entries_appended_total')).toBe(auditAfter - auditBefore);

    // the database answered the readiness check made for the scrape; no Redis configured: no gauge
    expect(value(after, 'gateway_database_ready')).toBe(1);
    expect(has(after, 'gateway_rate_limit_shared')).toBe(false);

    // default process metrics and the event-loop lag
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(has(after, name), name).toBe(true);
    }
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // no personal data, token or decision id anywhere in the text
    // (row ids short enough to be any number, such as SQLite's "1", are covered by the label check below)
    const secrets = [
      holder.id,
      early.id,
      holder.name,
      early.name,
      holder.id.slice(0, 14),
      METRICS_TOKEN,
      ...decisionIds,
      ...Object.values(t),
      ...[app.id, permit.id, refused.id].filter((id: string) => id.length >= 8),
    ];
    for (const s of secrets) expect(after.text, s).not.toContain(s);
    // every label value of the gateway's own metrics is a bounded identifier (routes, codes, bucket bounds)
    for (const x of after.samples.filter((s) => s.name.startsWith('gateway_'))) {
      for (const [k, v] of Object.entries(x.labels)) {
        if (k === 'le' || k === 'quantile') expect(v).toMatch(/^(?:[0-9.]+|\+Inf)$/);
        else if (k === 'status') expect(v).toMatch(/^[1-5][0-9]{2}$/);
        else expect(v, `${x.name} ${k}`).toMatch(/^(?:[A-Z][A-Z0-9_]*|[a-z][A-Za-z]*|\/[a-z/.-]*)$/);
      }
    }
  });
});

describe.runIf(REDIS_UP)('/metrics with REDIS_URL', () => {
  let g: TestGateway;
  beforeAll(async () => {
    g = await startGateway('sqlite', {
      redisUrl: REDIS_URL,
      rateLimitKeyPrefix: `metrics-test-${process.pid}-${Date.now()}`,
    });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('gateway_rate_limit_shared is 1 while Redis is reachable', async () => {
    const ps = await g.token(CALLERS.psCity);
    let shared = NaN;
    // the connection is made in the background: scrape until the limiter has spoken to Redis
    for (let i = 0; i < 50 && shared !== 1; i += 1) {
      expect((await g.gql('{ regions { code } }', {}, ps)).body.errors).toBeUndefined();
      const text = await (await fetch(g.url.replace('/graphql', '/metrics'))).text();
      shared = value({ ...parse(text), text }, 'gateway_rate_limit_shared');
      if (shared !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    expect(shared).toBe(1);
  });
});
