import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { TotpParameters } from '../../../../shared/totp';
import { MAX_QR_IMAGE_BYTES, totpSource, type TotpSource } from '../../../../shared/two-step';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { DuplicateLink } from '../cosign/DuplicateLink';
import { refusalOf } from '../../ui/form';

const MODES = ['image', 'uri', 'secret'] as const;
const [byUri, bySecret] = totpSource.options;
/** Where the seed is typed from, with the contract's bounds on what is typed. */
const seedForm = z.object({ mode: z.enum(MODES), uri: byUri.shape.uri, secret: bySecret.shape.secret });
type SeedValues = z.input<typeof seedForm>;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A new TOTP seed from a QR screenshot, an otpauth:// link or a typed secret; checked in main, then proposed for co-signing. */
export function SeedForm({ accountId, onProposed }: { accountId: string; onProposed: () => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<TotpSource | null>(null);
  const [checked, setChecked] = useState<TotpParameters | null>(null);
  const { register, handleSubmit, control, reset, getValues } = useForm<SeedValues>({
    resolver: zodResolver(seedForm),
    defaultValues: { mode: 'image', uri: '', secret: '' },
  });
  const mode = useWatch({ control, name: 'mode' });
  const propose = useAction((from: TotpSource) => call(api().totp.propose({ accountId, source: from })));
  const inspect = useAction(
    async (next: TotpSource) => {
      propose.setRefusal(null);
      setChecked(null);
      setSource(next);
      setChecked(await call(api().totp.inspect({ source: next })));
    },
    { reads: true },
  );

  /** A file over the bound is refused here with main's own wording, before megabytes cross IPC. */
  const chooseImage = (file: File) => {
    if (file.size <= MAX_QR_IMAGE_BYTES) return void base64Of(file).then((image) => inspect.run({ image }));
    const megabytes = Math.ceil((file.size / (1024 * 1024)) * 10) / 10;
    setChecked(null);
    inspect.setRefusal({
      code: 'IMAGE_TOO_LARGE',
      details: { width: '?', height: '?', megabytes, maxSide: 4000, maxMegabytes: MAX_QR_IMAGE_BYTES / (1024 * 1024) },
    });
  };

  const submit = handleSubmit(
    async (values) => {
      if (!source || !checked) return;
      if (!(await propose.run(source)).ok) return;
      setSource(null);
      setChecked(null);
      reset({ mode: values.mode, uri: '', secret: '' });
      onProposed();
    },
    () => inspect.setRefusal(refusalOf(seedForm, getValues())),
  );

  return (
    <form className="seed-form" onSubmit={submit} aria-label={t('twoStep.add')}>
      <h3>{t('twoStep.add')}</h3>
      <fieldset>
        <legend>{t('twoStep.from')}</legend>
        {MODES.map((m) => (
          <label key={m} className="choice">
            <input type="radio" value={m} {...register('mode')} />
            <span>{t(`twoStep.modes.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      {mode === 'image' ? (
        <div className="field">
          <label htmlFor="seed-image">{t('twoStep.image')}</label>
          <TextInput id="seed-image" type="file" accept="image/png,image/jpeg" onChange={(e) => e.target.files?.[0] && chooseImage(e.target.files[0])} />
        </div>
      ) : null}
      {mode === 'uri' ? (
        <div className="field">
          <label htmlFor="seed-uri">{t('twoStep.uri')}</label>
          <TextInput
            id="seed-uri"
            autoComplete="off"
            spellCheck={false}
            {...register('uri', { onBlur: (e: { target: { value: string } }) => e.target.value && void inspect.run({ uri: e.target.value }) })}
          />
        </div>
      ) : null}
      {mode === 'secret' ? (
        <div className="field">
          <label htmlFor="seed-secret">{t('twoStep.secret')}</label>
          <TextInput
            id="seed-secret"
            type="password"
            autoComplete="off"
            spellCheck={false}
            {...register('secret', { onBlur: (e: { target: { value: string } }) => e.target.value && void inspect.run({ secret: e.target.value }) })}
          />
        </div>
      ) : null}
      {checked ? (
        <p className="notice notice-ok" role="status">
          {t('twoStep.checked', {
            issuer: checked.issuer ?? '—',
            label: checked.label ?? '—',
            digits: checked.digits,
            period: checked.period,
            algorithm: checked.algorithm.toUpperCase(),
          })}
        </p>
      ) : null}
      <ErrorNotice error={propose.refusal ?? inspect.refusal} />
      <DuplicateLink refusal={propose.refusal} />
      <button type="submit" className="primary" disabled={!checked}>
        {t('twoStep.submit')}
      </button>
    </form>
  );
}
