import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProgressSummary } from './ProgressSummary';
import { useHandovers } from './useHandover';

/** The home screen's card of each handover in progress: what is left, linking to its checklist (issue 16). */
export function HomeHandovers() {
  const { t } = useTranslation();
  const loaded = useHandovers('current');
  if (!loaded.data) return <ErrorNotice error={loaded.refusal} />;
  if (loaded.data.length === 0) return null;
  return (
    <section aria-labelledby="home-handovers-title">
      <h2 id="home-handovers-title">{t('handover.home.title')}</h2>
      {loaded.data.map((h) => (
        <div key={h.handoverId} className="subpanel" data-testid="home-handover">
          <p>
            <strong>{t('handover.home.line', { role: t(`roles.${h.role}`), outgoing: h.outgoing.name, incoming: h.incoming.name })}</strong>
          </p>
          <ProgressSummary progress={h.progress} />
          <Link to={paths.handover(h.handoverId)}>{t('handover.home.open', { role: t(`roles.${h.role}`) })}</Link>
        </div>
      ))}
    </section>
  );
}
