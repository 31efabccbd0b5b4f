/** A page behind sign-in: no session, or an expired one, goes to /signin (with the reason). */
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { getSession, isExpired, signOut } from '../auth/session';
import { onUnauthenticated } from '../api/client';

export function RequireSession({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [, rerender] = useState(0);
  useEffect(() => onUnauthenticated(() => void navigate('/signin', { replace: true })), [navigate]);
  useEffect(() => {
    // the token's exp passes while the page is open: back to sign-in, saying why
    const timer = setInterval(() => {
      const s = getSession();
      if (s && isExpired(s)) {
        signOut('expired');
        rerender((n) => n + 1);
      }
    }, 15_000);
    return () => clearInterval(timer);
  }, []);
  const s = getSession();
  if (!s) return <Navigate to="/signin" replace />;
  if (isExpired(s)) {
    signOut('expired');
    return <Navigate to="/signin" replace />;
  }
  return <>{children}</>;
}
