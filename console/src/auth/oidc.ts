// placeholder: replaced by the oidc branch
/**
 * The browser's OpenID Connect client (authorization code with PKCE). The oidc branch provides the
 * real module with these two functions; this stand-in keeps the console building before the merge.
 */
export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

export async function beginOidcSignIn(_cfg: OidcClientConfig): Promise<void> {
  throw new Error('OpenID Connect sign-in is not part of this build yet');
}

export async function finishOidcSignIn(
  _cfg: OidcClientConfig,
): Promise<{ accessToken: string; expiresAt: number } | null> {
  return null;
}
