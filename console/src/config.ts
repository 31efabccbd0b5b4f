/** GET /console/config.json: how to sign in here (demo callers only outside production). */
export interface DemoCallerOption {
  readonly id: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly role: string;
  readonly token: string;
}

export interface ConsoleConfig {
  readonly production: boolean;
  readonly oidc: { readonly issuer: string; readonly clientId: string } | null;
  readonly explorer: boolean;
  readonly demoCallers?: readonly DemoCallerOption[];
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as ConsoleConfig;
}

/** The OIDC redirect URI: <origin>/console/callback. */
export function redirectUri(): string {
  return `${window.location.origin}/console/callback`;
}

/** Where the issuer sends the browser after its sign-out: <origin>/console/. */
export function postLogoutRedirectUri(): string {
  return `${window.location.origin}/console/`;
}
