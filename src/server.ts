/**
 * The one place that wires the gateway together: ORM, law (calendar, clock), GraphQL schema with
 * permissions and limits, Apollo Server, and a plain node:http front with /healthz and /readyz.
 */
import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ConnectionException, LockWaitTimeoutException, type MikroORM } from '@mikro-orm/core';
import pino, { type Logger } from 'pino';
import { initORM } from './db/orm';
import { seedReference } from '../seeds/reference';
import { seedDemo } from '../seeds/demo';
import { calendarFromEnv } from './calendar/notices';
import type { Clock, WorkingCalendar } from './law';
import { AppError } from './app/errors';
import { RateLimiter } from './app/rate-limit';
import { authConfig, callerFromAuthorization, type AuthConfig } from './app/auth';
import { buildGatewaySchema } from './graphql/schema';
import { createLoaders, type GqlContext } from './graphql/context';

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
}

export interface Gateway {
  url: string;
  port: number;
  orm: MikroORM;
  auth: AuthConfig;
  http: Server;
  close(): Promise<void>;
}

const DB_DOWN = /database is locked|ECONNREFUSED|ECONNRESET|ETIMEDOUT|terminating connection|Connection terminated|connect ECONN|database system is|SQLITE_BUSY|SQLITE_CANTOPEN|SQLITE_IOERR|Timeout acquiring a connection|the database system is shutting down/i;

function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      // a refusal is logged with its decision id and citation (no personal data), for review under Art. 23
      if (original.code === 'RULE_VIOLATION') logger.info({ decisionId: original.extra.decisionId, reason: original.extra.reason, article: (original.extra.citation as { article?: number })?.article }, 'refused by rule');
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { code: original.code, ...original.extra } };
    }
    let code = formatted.extensions?.code;
    // The contract's codes: a document that does not parse or validate is bad input from the caller.
    if (code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_REQUEST' || code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
      const { stacktrace: _s, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions: { ...ext, code: 'BAD_USER_INPUT', graphqlCode: code } };
    }
    if (original instanceof GraphQLError || (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
      const { stacktrace: _s, exception: _e, ...ext } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions: { ...ext, code: code ?? 'BAD_USER_INPUT' } };
    }
    const message = original instanceof Error ? original.message : String(original);
    if (original instanceof ConnectionException || original instanceof LockWaitTimeoutException || DB_DOWN.test(message)) {
      return { message: 'The register is temporarily unavailable; try again', path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    logger.error({ err: { name: (original as Error)?.name, message: message.slice(0, 300) } }, 'unexpected error');
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
  // read once at start: a new notice takes effect on the next (rolling) restart
  const calendar = o.calendar ?? calendarFromEnv(env);
  const logger = o.logger ?? pino({ level: env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization'] });
  const deps = { calendar, clock: o.clock ?? Date.now };
  const orm = await initORM({ databaseUrl: o.databaseUrl, onQuery: o.onQuery });
  await seedReference(orm);
  if (o.seed === 'demo') await seedDemo(orm, deps, logger);

  const schema = await buildGatewaySchema({ debug: false });
  const armor = new ApolloArmor({
    maxDepth: { n: 8, exposeLimits: false },
    maxAliases: { n: 15, exposeLimits: false },
    maxDirectives: { n: 10, exposeLimits: false },
    // token limit: graphql's own parser option below (armor's plugin answered a syntax error with HTTP 500)
    maxTokens: { enabled: false },
    costLimit: { maxCost: 5000, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  const apollo = new ApolloServer<GqlContext>({
    schema,
    introspection: !auth.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: formatError(logger),
    plugins: [...protection.plugins, ...(auth.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
    validationRules: [...protection.validationRules],
    parseOptions: { maxTokens: 2000 },
  });
  await apollo.start();
  const bodyLimit = o.bodyLimit ?? 2 * 1024 * 1024;
  const limiter = new RateLimiter(o.rateLimitPerMinute ?? Number(env.RATE_LIMIT_PER_MINUTE ?? 1200));

  const http = createServer(async (req, res) => {
    const requestId = randomUUID();
    const log = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        try {
          await orm.em.fork().getConnection().execute('select 1');
          return sendJson(res, 200, { status: 'ready' });
        } catch {
          return sendJson(res, 503, { status: 'unavailable' });
        }
      }
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      let body: unknown = undefined;
      if (req.method === 'POST') {
        const raw = await readBody(req, bodyLimit);
        const ctype = headers.get('content-type') ?? '';
        if (ctype.includes('application/json')) {
          try {
            body = raw === '' ? undefined : JSON.parse(raw);
          } catch {
            return sendJson(res, 400, { errors: [{ message: 'The body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          }
        } else {
          body = raw;
        }
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
        context: async () => {
          let caller = null;
          try {
            caller = await callerFromAuthorization(auth, req.headers.authorization);
          } catch (e) {
            if (e instanceof AppError) throw new GraphQLError(e.message, { extensions: { code: e.code, http: { status: 401 } } });
            throw e;
          }
          if (!limiter.take(caller?.sub ?? `ip:${req.socket.remoteAddress ?? '?'}`)) {
            throw new GraphQLError('Too many requests; slow down', { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });
          }
          const em = orm.em.fork();
          return { requestId, caller, em, deps, loaders: createLoaders(em) };
        },
      });
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
      if (status === 500) log.error({ err: { message: (e as Error).message?.slice(0, 300) } }, 'request failed');
      if (status === 413) res.setHeader('connection', 'close'); // the rest of the body is not read
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: status === 413 ? 'Request body too large' : 'Internal error', extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  await new Promise<void>((resolve) => http.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}/graphql`,
    port,
    orm,
    auth,
    http,
    async close() {
      if (closing) return closing;
      closing = (async () => {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      await apollo.stop();
      await orm.close(true);
      })();
      return closing;
    },
  };
}
