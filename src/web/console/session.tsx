/** The signed-in session as React state: who, and the actions that change it. */
import { createContext, useContext } from 'react';
import type { SessionInfo } from '../api/client';

export interface SessionState {
  session: SessionInfo;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in console');
  return s;
}
