import type { ApiHandlers } from '../../shared/api/contract';
import { defaultSettings, Language, ProfileText, type Settings } from '../../shared/model/settings';
import type { AppStore } from '../storage/appStore';

/** Settings as stored; a value another version wrote that this one cannot read is the default. */
export function readSettings(store: AppStore): Settings {
  const language = Language.safeParse(store.getSetting('language'));
  const name = ProfileText.safeParse(store.getSetting('profile.name') ?? '');
  const delegation = ProfileText.safeParse(store.getSetting('profile.delegation') ?? '');
  return {
    language: language.success ? language.data : defaultSettings.language,
    name: name.success ? name.data : defaultSettings.name,
    delegation: delegation.success ? delegation.data : defaultSettings.delegation,
  };
}

export function createSettingsService(store: AppStore): Pick<ApiHandlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettings(store),
    'settings.update': ({ language, name, delegation }) => {
      // All that was given, in one transaction: a full disk leaves the old settings whole.
      store.transaction(() => {
        if (language !== undefined) store.setSetting('language', language);
        if (name !== undefined) store.setSetting('profile.name', name);
        if (delegation !== undefined) store.setSetting('profile.delegation', delegation);
      });
      return readSettings(store);
    },
  };
}
