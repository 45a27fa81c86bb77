import { createContext, useContext } from 'react';
import type { Language } from '../../shared/model/settings';
import type { ApiClient } from '../platform/apiClient';
import type { DocumentPreloader } from '../platform/documentPreloader';

export interface AppServices {
  api: ApiClient;
  preloader: DocumentPreloader;
  language: Language;
  setLanguage(language: Language): Promise<void>;
  /** This person's own name and delegation, for meetings of this computer (empty: not given). */
  profile: { name: string; delegation: string };
  setProfile(profile: { name: string; delegation: string }): Promise<void>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside of <AppContext.Provider>');
  return value;
}
