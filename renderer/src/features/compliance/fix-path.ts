import type { ComplianceFix } from '../../../../shared/compliance';
import { paths } from '../../app/paths';

/** The address of the screen that fixes a cell (main names the screen; the renderer owns the addresses). */
export function fixPath(fix: ComplianceFix): string {
  switch (fix.screen) {
    case 'account':
      return paths.account(fix.accountId, fix.section);
    case 'person':
      return paths.person(fix.personId);
    case 'personRecord':
      return paths.personRecord(fix.personId);
    case 'handover':
      return paths.handover(fix.handoverId);
    case 'incident':
      return paths.incident(fix.incidentId);
    case 'settings':
      return paths.settings;
    case 'home':
      return paths.home;
  }
}
