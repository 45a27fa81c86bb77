import { useTranslation } from 'react-i18next';

export type HostingPlan = { port: number; interfaces: Array<{ name: string; address: string }> };

/** What hosting on the local network exposes, said before it starts: the port, on each network this computer is on. */
export function HostingPlanView({ plan }: { plan: HostingPlan }) {
  const { t } = useTranslation();
  if (plan.interfaces.length === 0) return <p>{t('host.noNetwork')}</p>;
  return (
    <>
      <p>{t('host.exposes', { port: plan.port })}</p>
      <ul className="addresses" aria-label={t('host.addresses')}>
        {plan.interfaces.map((found) => (
          <li key={`${found.name}-${found.address}`}>
            {found.name !== found.address && <span>{found.name}: </span>}
            <code>{found.address}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
