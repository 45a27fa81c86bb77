import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../editor/PresencePlugin';
import { assignPresenceColors, type PresenceColor } from '../../editor/presenceColors';
import type { ReplicaProvider } from '../../platform/replicaProvider';

interface Present extends Participant {
  clientId: number;
  color: PresenceColor;
  self: boolean;
}

function present(provider: ReplicaProvider): Present[] {
  const list: Present[] = [];
  const states = provider.awareness.getStates();
  const colors = assignPresenceColors(states);
  states.forEach((state, clientId) => {
    const name = typeof state.name === 'string' ? state.name : null;
    const color = colors.get(clientId);
    if (!name || !color) return;
    const data = (state.awarenessData ?? {}) as { delegation?: unknown; role?: unknown };
    list.push({
      clientId,
      name,
      color,
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
            <span className="participant__dot" style={{ background: p.color.background }} aria-hidden="true" />
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
