/**
 * A tiny GraphQL client: one POST to the gateway's /graphql (same origin) with the signed-in token
 * as `Authorization: Bearer`, typed by the documents GraphQL Code Generator makes from
 * schema/schema.graphql. An UNAUTHENTICATED answer ends the session (an expired token sends the user
 * back to sign-in with a message).
 */
import type { TypedDocumentString } from '../gql/graphql';
import { getSession, signOut } from '../auth/session';

export class GatewayError extends Error {
  constructor(
    message: string,
    /** the contract's code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, …), NETWORK when no answer came */
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

type Listener = (e: GatewayError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when the gateway refuses the token (the app routes back to sign-in). */
export function onUnauthenticated(l: Listener): () => void {
  unauthenticatedListeners.add(l);
  return () => unauthenticatedListeners.delete(l);
}

interface GraphQLResponse<R> {
  data?: R | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function request<R, V>(
  doc: TypedDocumentString<R, V>,
  ...[variables]: V extends Record<string, never> ? [] | [V] : [V]
): Promise<R> {
  const token = getSession()?.token;
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
    });
  } catch (e) {
    throw new GatewayError((e as Error).message || 'network error', 'NETWORK');
  }
  let body: GraphQLResponse<R>;
  try {
    body = (await res.json()) as GraphQLResponse<R>;
  } catch {
    throw new GatewayError(`HTTP ${res.status}`, res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'OTHER');
  }
  const first = body.errors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    const code = typeof ext.code === 'string' ? ext.code : 'OTHER';
    const err = new GatewayError(first.message, code, ext);
    if (code === 'UNAUTHENTICATED') {
      signOut(/expired/i.test(first.message) ? 'expired' : 'signedOut');
      for (const l of unauthenticatedListeners) l(err);
    }
    throw err;
  }
  if (!body.data) throw new GatewayError(`HTTP ${res.status}`, 'OTHER');
  return body.data;
}
