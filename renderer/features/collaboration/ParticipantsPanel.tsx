import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../editor/PresencePlugin';
import type { ReplicaProvider } from '../../platform/replicaProvider';

interface Present extends Participant {
  clientId: number;
  self: boolean;
}

function present(provider: ReplicaProvider): Present[] {
  const list: Present[] = [];
  provider.awareness.getStates().forEach((state, clientId) => {
    const name = typeof state.name === 'string' ? state.name : null;
    if (!name) return;
    const data = (state.awarenessData ?? {}) as { delegation?: unknown; role?: unknown };
    list.push({
      clientId,
      name,
      color: typeof state.color === 'string' ? state.color : '#888',
      delegation: typeof data.delegation === 'string' ? data.delegation : null,
      role: typeof data.role === 'string' ? data.role : 'delegate',
      self: clientId === provider.awareness.clientID,
    });
  });
  return list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** Who has this document open right now, in their cursor colours. */
export function ParticipantsPanel({ provider }: { provider: ReplicaProvider | null }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Present[]>([]);
  useEffect(() => {
    if (!provider) return;
    const refresh = () => setPeople(present(provider));
    refresh();
    provider.awareness.on('change', refresh);
    return () => provider.awareness.off('change', refresh);
  }, [provider]);
  if (people.length === 0) return null;
  return (
    <aside className="participants" aria-label={t('participants.title')}>
      <h2 className="section-title">{t('participants.title')}</h2>
      <ul>
        {people.map((p) => (
          <li key={p.clientId} className="participant">
            <span className="participant__dot" style={{ background: p.color }} aria-hidden="true" />
            <span className="participant__name">
              {p.name} {p.self && <span className="participant__you">{t('participants.you')}</span>}
            </span>
            <span className="participant__meta">
              {t(`roles.${p.role}`, { defaultValue: p.role })}
              {p.delegation ? ` · ${p.delegation}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
