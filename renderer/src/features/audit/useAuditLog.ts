import { useCallback, useState } from 'react';
import type { AuditEventView, AuditFilter, AuditPage } from '../../../../shared/audit-log';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { useLoad } from '../../bridge/useLoad';
import { EVENT_GROUPS, type EventGroup } from './useEventWords';

export interface AuditFilters {
  group: EventGroup | '';
  keyholderId: string;
  personId: string;
  accountId: string;
  from: string;
  to: string;
}
export const NO_FILTERS: AuditFilters = { group: '', keyholderId: '', personId: '', accountId: '', from: '', to: '' };

const PAGE = 200;

/** The screen's filters as the contract's (shared/audit-log.ts): only what is set. */
export function toFilter(f: AuditFilters): AuditFilter {
  const actions = EVENT_GROUPS.find((g) => g.id === f.group)?.actions;
  return {
    ...(actions ? { actions: [...actions] } : {}),
    ...(f.keyholderId ? { keyholderId: f.keyholderId } : {}),
    ...(f.personId ? { personId: f.personId } : {}),
    ...(f.accountId ? { accountId: f.accountId } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/**
 * The log under `filters`, newest first: a first page when the filters change, older pages on
 * demand (`beforeSeq`). Pages loaded for other filters are dropped.
 */
export function useAuditLog(filters: AuditFilters) {
  const first = useLoad(useCallback(() => call(api().audit.list({ filter: toFilter(filters), limit: PAGE })), [filters]));
  const [older, setOlder] = useState<{ after: AuditPage; events: AuditEventView[]; next: number | null } | null>(null);
  const page = first.data;
  const current = older && older.after === page ? older : null;
  const next = current ? current.next : (page?.nextBeforeSeq ?? null);
  const more = useAction(
    async () => {
      if (!page || next === null) return;
      const found = await call(api().audit.list({ filter: toFilter(filters), beforeSeq: next, limit: PAGE }));
      setOlder({ after: page, events: [...(current?.events ?? []), ...found.events], next: found.nextBeforeSeq });
    },
    { reads: true },
  );
  return {
    page,
    events: page ? [...page.events, ...(current?.events ?? [])] : [],
    hasMore: next !== null,
    loadMore: () => void more.run(),
    refusal: more.refusal ?? first.refusal,
  };
}
