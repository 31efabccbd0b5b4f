/** /console/callback: the OIDC provider sends the browser back here with the authorization code. */
import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { finishOidcSignIn } from '../../auth/oidc';
import { signIn } from '../../auth/session';
import { redirectUri, type ConsoleConfig } from '../../config';
import { useI18n } from '../../i18n';

export function Callback({ config }: { config: ConsoleConfig }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!config.oidc) {
      void navigate('/signin', { replace: true });
      return;
    }
    finishOidcSignIn({ ...config.oidc, redirectUri: redirectUri() }).then(
      (result) => {
        if (
          result &&
          signIn(result.accessToken, null, result.expiresAt, {
            fromIssuer: true,
            idToken: result.idToken ?? null,
          })
        )
          void navigate('/', { replace: true });
        else if (result) setError('the access token is not a JWT with a role');
        else void navigate('/signin', { replace: true });
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [config, navigate]);
  return (
    <main className="signin">
      {error ? (
        <Alert type="error" showIcon role="alert" title={t.signInCallbackFailed} description={error} />
      ) : (
        <Spin description={t.signInCallbackWorking} />
      )}
    </main>
  );
}
