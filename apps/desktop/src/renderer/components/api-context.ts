import { createContext, useContext } from 'react';
import type { DesktopApi } from '../../bridge/api.js';

export const ApiContext = createContext<DesktopApi | null>(null);

/** The bridge API; the renderer cannot tell whether IPC or the WebSocket serves it. */
export function useApi(): DesktopApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
