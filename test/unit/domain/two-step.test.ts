import { describe, expect, it } from 'vitest';
import { twoStepFindings, type TwoStepFacts } from '../../../main/domain/two-step';

const OK: TwoStepFacts = {
  method: 'totp_vault',
  linkedEmail: { method: 'security_key' },
  recoveryDevice: { institutionOwned: true, holderRole: 'administrator' },
  recoveryEmail: 'prensa@zafiroquinta.gob.pe',
  institutionDomains: ['zafiroquinta.gob.pe'],
};

describe('SEC-1 and SEC-3 findings', () => {
  it('none when both hold', () => expect(twoStepFindings(OK)).toEqual([]));
  it.each([
    [{ method: 'none' }, [{ rule: 'SEC-1', reason: 'none' }]],
    [{ method: null }, [{ rule: 'SEC-1', reason: 'unknown' }]],
    [{ linkedEmail: { method: 'none' } }, [{ rule: 'SEC-1', reason: 'linked_email' }]],
    [{ recoveryDevice: { institutionOwned: false, holderRole: 'administrator' } }, [{ rule: 'SEC-3', reason: 'personal_phone' }]],
    [{ recoveryDevice: { institutionOwned: true, holderRole: null } }, [{ rule: 'SEC-3', reason: 'holder' }]],
    [{ recoveryDevice: { institutionOwned: true, holderRole: 'head' } }, [{ rule: 'SEC-3', reason: 'holder' }]],
    [{ recoveryEmail: 'prensa@gmail.com' }, [{ rule: 'SEC-3', reason: 'recovery_email' }]],
  ] as [Partial<TwoStepFacts>, unknown][])('%o → %o', (change, findings) => {
    expect(twoStepFindings({ ...OK, ...change })).toEqual(findings);
  });
  it('no device and no recovery e-mail is not a SEC-3 finding', () => {
    expect(twoStepFindings({ ...OK, recoveryDevice: null, recoveryEmail: null, linkedEmail: null })).toEqual([]);
  });
});
