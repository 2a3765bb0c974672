import { z } from 'zod';
import { KIT_MAX_SHARES, kitProposeRequest } from '../../../../shared/kit';

/**
 * «Solicitar un kit» as a form (issue 18, scope 6): one key, or k-of-n shares naming who keeps each.
 * The holders' fields are always nine; only the first `n` are shown and sent. The shared
 * `kitProposeRequest` judges the request the form would send, and its refusals land on the fields.
 */
export const kitFormSchema = z
  .object({
    split: z.enum(['single', 'shares']),
    n: z.number(),
    k: z.number(),
    holders: z.array(z.string()),
    note: z.string(),
  })
  .superRefine((values, ctx) => {
    const parsed = kitProposeRequest.safeParse(toKitRequest(values));
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      // shares.holders.2 → holders.2; shares.k → k; note → note.
      const path = issue.path[0] === 'shares' ? issue.path.slice(1) : issue.path;
      ctx.addIssue({ code: 'custom', message: issue.message, path: path.length > 0 ? (path as (string | number)[]) : ['k'] });
    }
  });

export type KitFormValues = z.input<typeof kitFormSchema>;

export const kitFormDefaults: KitFormValues = {
  split: 'single',
  n: 3,
  k: 2,
  holders: Array.from({ length: KIT_MAX_SHARES }, () => ''),
  note: '',
};

export function toKitRequest(v: KitFormValues): z.input<typeof kitProposeRequest> {
  const note = v.note.trim();
  return {
    shares: v.split === 'shares' ? { k: v.k, n: v.n, holders: v.holders.slice(0, v.n) } : null,
    ...(note ? { note } : {}),
  };
}

/** The choices of n and of k (2 ≤ k ≤ n ≤ 9). */
export const SHARE_COUNTS = Array.from({ length: KIT_MAX_SHARES - 1 }, (_, i) => i + 2);
