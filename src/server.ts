/**
 * The one place that wires the gateway together: ORM, law (calendar, clock), GraphQL schema with
 * permissions and limits, Apollo Server, and a plain node:http front with /healthz, /readyz and
 * /metrics, which drains gracefully on shutdown (src/ops/drain.ts).
 */
import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimit } from './graphql/cost-limit';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ConnectionException, LockWaitTimeoutException, type MikroORM } from '@mikro-orm/core';
import pino, { type Logger } from 'pino';
import { DEFAULT_SQLITE_PATH, dataDirFor, dialectOf, initORM } from './db/orm';
import { startCheckpointer } from './db/sqlite-wal';
import { DecisionWriter } from './db/decision-writer';
import { seedReference } from '../seeds/reference';
import { demoPeople, seedDemo } from '../seeds/demo';
import { calendarFromEnv } from './calendar/notices';
import type { Clock, WorkingCalendar } from './law';
import { AppError } from './app/errors';
import { createRedisStore, perCallerLimiter, type RateLimiter, type RedisStore } from './app/rate-limit';
import { authConfig, callerFromAuthorization, type AuthConfig } from './app/auth';
import { loadReceiptKeys, type ReceiptKeys } from './app/receipts/keys';
import { shareCodeKey } from './app/share-codes/code';
import { shareCodeAttemptLimiter, shareCodeAttempts } from './app/share-codes/attempts';
import { buildGatewaySchema } from './graphql/schema';
import { createLoaders, type GqlContext } from './graphql/context';
import { createMetrics, routeLabel, type Metrics } from './ops/metrics';
import { drainController } from './ops/drain';
import { consoleEnv, consoleHandler, builtConsoleDir } from './web/console';
import { DEMO_CALLERS, demoHolderCaller, demoToken } from './app/demo-callers';

export interface GatewayOptions {
  databaseUrl?: string;
  port?: number;
  host?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** the working calendar (tests); default: the package's schedules plus HOLIDAY_NOTICES_FILE, read at start */
  calendar?: WorkingCalendar;
  /** reference data always; the demo set on request */
  seed?: 'reference' | 'demo';
  onQuery?: (sql: string) => void;
  logger?: Logger;
  /** max request body, bytes */
  bodyLimit?: number;
  /** requests a minute per caller (0: no limit); default RATE_LIMIT_PER_MINUTE or 1200 */
  rateLimitPerMinute?: number;
  /** the process's default metrics (memory, CPU, event-loop lag) in /metrics; default on */
  defaultMetrics?: boolean;
  /** where the development receipt key is kept; default GATEWAY_DATA_DIR, else beside the SQLite file, else data/ */
  dataDir?: string;
  /** Redis shared by the nodes for the rate limit; default REDIS_URL (none: per process) */
  redisUrl?: string;
  /** prefix of the rate-limit keys in Redis; default RATE_LIMIT_KEY_PREFIX or `luoyang-gw:rate:caller` */
  rateLimitKeyPrefix?: string;
  /** the built console (Vite's dist/console); default: the project's dist/console when built */
  consoleDir?: string | null;
}

export interface ShutdownOptions {
  /** keep accepting, with /readyz at 503, for this long first (SHUTDOWN_DELAY_MS) */
  delayMs?: number;
  /** then let requests in flight finish for at most this long (SHUTDOWN_GRACE_MS) */
  graceMs?: number;
}

export interface Gateway {
  url: string;
  port: number;
  orm: MikroORM;
  auth: AuthConfig;
  receipts: ReceiptKeys;
  http: Server;
  metrics: Metrics;
  /** the group-commit writer of verifications; `flush()` waits for every queued one */
  decisions: DecisionWriter;
  /**
   * Graceful stop: /readyz 503, stop accepting after `delayMs`, answer what is in flight, close idle
   * connections and the database. true when everything in flight was answered within `graceMs`;
   * false when what was left had to be cut.
   */
  shutdown(o?: ShutdownOptions): Promise<boolean>;
  /** immediate stop (tests): cuts open connections, closes the database */
  /** the per-caller limit; `limiter.sharedAvailable()` tells whether it is shared through Redis right now */
  limiter: RateLimiter;
  /** the Redis connection (REDIS_URL), for other limiters that share across nodes (`createRateLimiter({ store })`) */
  redis: RedisStore | null;
  close(): Promise<void>;
}

/** Environment numbers for shutdown: SHUTDOWN_DELAY_MS (default 0), SHUTDOWN_GRACE_MS (default 10 000). */
export function shutdownOptionsFrom(env: NodeJS.ProcessEnv): Required<ShutdownOptions> {
  const num = (name: string, dflt: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`${name} must be a whole number of milliseconds (got "${raw.slice(0, 20)}")`);
    return n;
  };
  return { delayMs: num('SHUTDOWN_DELAY_MS', 0), graceMs: num('SHUTDOWN_GRACE_MS', 10_000) };
}

const DB_DOWN =
  /database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|terminating connection|Connection terminated|connect ECONN|database system is|SQLITE_BUSY|SQLITE_CANTOPEN|SQLITE_IOERR|Timeout acquiring a connection|the database system is shutting down/i;

/** "Did you mean …?" tells a scanner the schema's names; no message carries it (validation or variables). */
const SUGGESTION = /\s*Did you mean [^?]*\?\s*$/;

function formatError(logger: Logger) {
  const format = formatErrorUnsuggested(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = format(formatted, error);
    return SUGGESTION.test(out.message) ? { ...out, message: out.message.replace(SUGGESTION, '') } : out;
  };
}

function formatErrorUnsuggested(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      // a refusal is logged with its decision id and citation (no personal data), for review under Art. 23
      if (original.code === 'RULE_VIOLATION')
        logger.info(
          {
            decisionId: original.extra.decisionId,
            reason: original.extra.reason,
            article: (original.extra.citation as { article?: number })?.article,
          },
          'refused by rule',
        );
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...original.extra },
      };
    }
    const code = formatted.extensions?.code;
    // The contract's codes: a document that does not parse or validate is bad input from the caller.
    if (
      code === 'GRAPHQL_PARSE_FAILED' ||
      code === 'GRAPHQL_VALIDATION_FAILED' ||
      code === 'BAD_REQUEST' ||
      code === 'PERSISTED_QUERY_NOT_SUPPORTED'
    ) {
      const { stacktrace: _s, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions: { ...ext, code: 'BAD_USER_INPUT', graphqlCode: code } };
    }
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
      const {
        stacktrace: _s,
        exception: _e,
        ...ext
      } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions: { ...ext, code: code ?? 'BAD_USER_INPUT' } };
    }
    const message = original instanceof Error ? original.message : String(original);
    if (
      original instanceof ConnectionException ||
      original instanceof LockWaitTimeoutException ||
      DB_DOWN.test(message)
    ) {
      return {
        message: 'The register is temporarily unavailable; try again',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    logger.error(
      { err: { name: (original as Error)?.name, message: message.slice(0, 300) } },
      'unexpected error',
    );
    return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function createGateway(o: GatewayOptions = {}): Promise<Gateway> {
  const env = o.env ?? process.env;
  const auth = authConfig(env);
  // EXPLORER: a bad value stops the start before the database is touched (GATEWAY_OIDC_*: authConfig)
  const consoleSettings = consoleEnv(env, auth.production);
  // read once at start: a new notice takes effect on the next (rolling) restart
  const calendar = o.calendar ?? calendarFromEnv(env);
  const logger = o.logger ?? pino({ level: env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });
  // OIDC discovery warms up without holding the start; a failure is retried on a later token
  auth.oidc?.keys().then(
    (k) => logger.info({ issuer: k.issuer, algorithms: k.algorithms }, 'OIDC issuer discovered'),
    (e: Error) =>
      logger.warn({ err: e.message }, 'OIDC issuer not reachable yet; tokens from it wait for it'),
  );
  // before the database: a production start without its signing key fails at once, saying so
  const receipts = await loadReceiptKeys({
    env,
    production: auth.production,
    dataDir: o.dataDir ?? (env.GATEWAY_DATA_DIR || dataDirFor(o.databaseUrl)),
  });
  const redisUrl = o.redisUrl ?? env.REDIS_URL;
  const redis = redisUrl ? createRedisStore(redisUrl, logger) : null;
  const baseDeps = {
    calendar,
    clock: o.clock ?? Date.now,
    // the invalid-code count is shared by the nodes through the rate limit's Redis, when there is one
    shareCodes: {
      key: shareCodeKey(env),
      attempts: shareCodeAttempts(
        shareCodeAttemptLimiter(
          redis,
          `${o.rateLimitKeyPrefix ?? env.RATE_LIMIT_KEY_PREFIX ?? 'luoyang-gw'}:share-code-invalid`,
        ),
      ),
    },
  };
  // migrations and seeds under the startup lock: nodes starting together on one database take turns
  const orm = await initORM({
    databaseUrl: o.databaseUrl,
    onQuery: o.onQuery,
    afterMigrate: async (orm) => {
      await seedReference(orm);
      if (o.seed === 'demo') await seedDemo(orm, baseDeps, logger);
    },
  });
  // SQLite: the write-ahead log copied back by a thread of its own, not by a commit on the event loop
  const checkpointer =
    dialectOf(o.databaseUrl) === 'sqlite' ? startCheckpointer(o.databaseUrl || DEFAULT_SQLITE_PATH) : null;

  const schema = await buildGatewaySchema({ debug: false });
  const metrics = createMetrics({
    rootFields: rootFieldNames(schema),
    defaultMetrics: o.defaultMetrics,
    sharedRateLimit: redis !== null,
  });
  // one writer per process: concurrent verifications share a transaction and a chain extension
  const decisions = new DecisionWriter(orm, (e, writes) =>
    logger.error(
      { err: { message: (e as Error)?.message?.slice(0, 300) }, writes },
      'decision group not committed',
    ),
  );
  const deps = { ...baseDeps, observer: metrics.observer, decisions };
  const armor = new ApolloArmor({
    maxDepth: { n: 8, exposeLimits: false },
    // allowList emptied: by default armor does not count aliases of __typename (101 of them executed)
    maxAliases: { n: 15, exposeLimits: false, allowList: [] },
    maxDirectives: { n: 10, exposeLimits: false },
    // token limit: graphql's own parser option below (armor's plugin answered a syntax error with HTTP 500)
    maxTokens: { enabled: false },
    // the cost limit is armor's rule run by src/graphql/cost-limit.ts: a page size weighs the same
    // written in the query or passed as a variable
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<GqlContext>({
    schema,
    introspection: !auth.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // one owner of SIGTERM/SIGINT: src/main.ts (Apollo's own handlers made a second stop() hang)
    stopOnTerminationSignals: false,
    formatError: formatError(logger),
    plugins: [
      ...protection.plugins,
      oneRequestError(),
      operationMetrics(metrics),
      // no CDN landing page: the explorer (/explorer/) is bundled and served by the gateway itself
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints in this schema: Apollo's cache-control plugin only wrapped every field's
      // resolver to compute a policy that is always "uncacheable" (issue 8); the header is set below
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: [...protection.validationRules, costLimit({ maxCost: 5000, exposeLimits: false })],
    parseOptions: { maxTokens: 2000 },
  });
  await apollo.start();
  const bodyLimit = o.bodyLimit ?? 2 * 1024 * 1024;
  const limiter = perCallerLimiter(
    o.rateLimitPerMinute ?? Number(env.RATE_LIMIT_PER_MINUTE ?? 1200),
    redis,
    o.rateLimitKeyPrefix ?? env.RATE_LIMIT_KEY_PREFIX,
  );
  const consoleRoutes = consoleHandler({
    dir: o.consoleDir === undefined ? builtConsoleDir() : o.consoleDir,
    production: auth.production,
    ...consoleSettings,
    oidc: auth.oidc,
    demoCallers: auth.production
      ? null
      : async () =>
          Promise.all(
            [...DEMO_CALLERS, demoHolderCaller(demoHolderId())].map(async (c) => ({
              id: c.id,
              labelZh: c.labelZh,
              labelEn: c.labelEn,
              role: c.claims.role,
              token: await demoToken(auth, c),
            })),
          ),
  });
  const metricsToken = env.METRICS_TOKEN ? `Bearer ${env.METRICS_TOKEN}` : null;

  const readiness = async (): Promise<boolean> => {
    try {
      await orm.em.fork().getConnection().execute('select 1');
      metrics.databaseReady(true);
      return true;
    } catch {
      metrics.databaseReady(false);
      return false;
    }
  };

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- node:http ignores the promise; every path ends the response
  const http = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const log = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    drain.track(req, res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routeLabel(url.pathname);
    res.on('finish', () =>
      metrics.http(route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9),
    );
    try {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        if (!drain.accepting) return sendJson(res, 503, { status: 'draining' });
        return (await readiness())
          ? sendJson(res, 200, { status: 'ready' })
          : sendJson(res, 503, { status: 'unavailable' });
      }
      if (url.pathname === '/metrics') {
        if (req.method !== 'GET') return sendJson(res, 405, { error: 'GET only' });
        if (metricsToken !== null && req.headers.authorization !== metricsToken) {
          res.setHeader('www-authenticate', 'Bearer');
          return sendJson(res, 401, { error: 'a bearer token (METRICS_TOKEN) is required' });
        }
        await readiness();
        metrics.sharedRateLimit(redis ? limiter.sharedAvailable() : null);
        const text = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType });
        return res.end(text);
      }
      if (url.pathname === '/.well-known/jwks.json') {
        // the receipt key set: public, no token (SPEC "Who uses the gateway")
        if (req.method !== 'GET' && req.method !== 'HEAD')
          return sendJson(res, 405, { error: 'method not allowed' });
        res.setHeader('cache-control', 'public, max-age=300');
        return sendJson(res, 200, receipts.jwks);
      }
      if (await consoleRoutes(req, res, url.pathname)) return;
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });
      log.debug({ method: req.method, path: url.pathname }, 'request received');
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      let body: unknown = undefined;
      if (req.method === 'POST') {
        const raw = await readBody(req, bodyLimit);
        const ctype = headers.get('content-type') ?? '';
        if (ctype.includes('application/json')) {
          try {
            body = raw === '' ? undefined : JSON.parse(raw);
          } catch {
            return sendJson(res, 400, {
              errors: [{ message: 'The body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
            });
          }
        } else {
          body = raw;
        }
      }
      // a request refused before execution (no token, bad token, rate limit) is counted here:
      // Apollo answers it without running the operation plugins
      let refusedWith: string | null = null;
      const refuse = (message: string, code: string, status: number, headers?: HeaderMap) => {
        refusedWith = code;
        return new GraphQLError(message, {
          extensions: { code, http: { status, ...(headers ? { headers } : {}) } },
        });
      };
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: url.search,
          body,
        },
        context: async () => {
          let caller = null;
          try {
            caller = await callerFromAuthorization(auth, req.headers.authorization, deps.clock);
          } catch (e) {
            if (e instanceof AppError)
              throw refuse(e.message, e.code, e.code === 'SERVICE_UNAVAILABLE' ? 503 : 401);
            throw e;
          }
          // SPEC: every GraphQL request without a valid token is UNAUTHENTICATED before anything executes
          if (!caller) throw refuse('A bearer token is required', 'UNAUTHENTICATED', 401);
          const rate = await limiter.consume(caller.sub);
          if (!rate.allowed) {
            const headers = new HeaderMap([
              ['retry-after', String(Math.max(1, Math.ceil(rate.retryAfterMs / 1000)))],
            ]);
            throw refuse('Too many requests; slow down', 'RATE_LIMITED', 429, headers);
          }
          const em = orm.em.fork();
          return { requestId, caller, em, deps, loaders: createLoaders(em), receipts, log };
        },
      });
      if (refusedWith !== null) metrics.operation('NONE', refusedWith);
      // answers name people and decisions: never kept by a browser or a proxy
      res.setHeader('cache-control', 'no-store');
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
      log.info({ method: req.method, path: url.pathname, status: res.statusCode }, 'request');
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      if (status === 500)
        log.error({ err: { message: (e as Error).message?.slice(0, 300) } }, 'request failed');
      if (status === 413) res.setHeader('connection', 'close'); // the rest of the body is not read
      if (!res.headersSent)
        sendJson(res, status, {
          errors: [
            {
              message: status === 413 ? 'Request body too large' : 'Internal error',
              extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL_SERVER_ERROR' },
            },
          ],
        });
      else res.end();
    }
  });
  const drain = drainController(http);
  await new Promise<void>((resolve) => http.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  let stopping: Promise<boolean> | null = null;
  const stopBackends = async () => {
    await apollo.stop();
    await decisions.close(); // every queued verification committed (or failed) before the pool closes
    await checkpointer?.stop();
    await orm.close(true);
    await redis?.close();
  };
  const shutdown = (so: ShutdownOptions = {}): Promise<boolean> => {
    stopping ??= (async () => {
      const answered = await drain.drain({ delayMs: so.delayMs ?? 0, graceMs: so.graceMs ?? 10_000 });
      logger.info(
        { answered, inFlight: drain.inFlight },
        answered
          ? 'drained: every request in flight was answered'
          : 'grace period over: open requests were cut',
      );
      await stopBackends();
      return answered;
    })();
    return stopping;
  };
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    orm,
    auth,
    receipts,
    http,
    metrics,
    decisions,
    limiter,
    redis,
    shutdown,
    async close() {
      await shutdown({ delayMs: 0, graceMs: 0 });
    },
  };
}

/** The root fields of the schema: the only values of the `field` label. */
function rootFieldNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
    t ? Object.keys(t.getFields()) : [],
  );
}

/** The root fields an operation selects (through fragments too), by response key. */
function rootSelections(op: OperationDefinitionNode, doc: DocumentNode): { key: string; name: string }[] {
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const out: { key: string; name: string }[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD)
        out.push({ key: sel.alias?.value ?? sel.name.value, name: sel.name.value });
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const f = fragments.get(sel.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(op.selectionSet);
  return out;
}

/** gateway_graphql_operations_total: each root field answered, with its error code or OK. */
function operationMetrics(metrics: Metrics): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (rc.response.body.kind !== 'single') return;
          const { data, errors = [] } = rc.response.body.singleResult;
          const codeOf = (e: GraphQLFormattedError | undefined) =>
            e ? (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR') : null;
          if (data === undefined || !rc.operation)
            return metrics.operation('NONE', codeOf(errors[0]) ?? 'BAD_USER_INPUT');
          for (const { key, name } of rootSelections(rc.operation, rc.document!)) {
            metrics.operation(name, codeOf(errors.find((e) => e.path?.[0] === key)));
          }
        },
      };
    },
  };
}

/**
 * A request that fails before execution (it does not parse or validate) is answered with its first
 * error only: a scanner's ten duplicated unknown directives get one error, not ten, and the cost of
 * an answer does not grow with what a caller repeats.
 */
function oneRequestError(): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const body = rc.response.body;
          if (body.kind !== 'single' || body.singleResult.data !== undefined) return;
          const errors = body.singleResult.errors;
          if (errors && errors.length > 1) body.singleResult.errors = errors.slice(0, 1);
        },
      };
    },
  };
}

/** The demo holder's ID number (郭伟 with children, valid permit in 涧西区; as `npm start` prints). */
function demoHolderId(): string {
  return demoPeople().find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!.citizenIdNumber;
}
