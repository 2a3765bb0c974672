import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KDBX_MAX_BYTES, type KdbxPreview, type KdbxProposal } from '../../../../shared/kdbx-import';
import { PLATFORM_IDS, type PlatformId } from '../../../../shared/platforms';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput, TextInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { platformLabel } from '../../ui/format';
import { ProposeImport } from './ProposeImport';

const isPlatform = (v: string): v is PlatformId => (PLATFORM_IDS as readonly string[]).includes(v);

/** The file's bytes as base64, for the contract (the renderer reads what the person chose; main opens it). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * The KeePass file of the office (issue 18, scope 4): opened in main with its own passphrase, each
 * entry checked like a spreadsheet row (its group path and title name it), a platform chosen for
 * the groups main could not place, and the importable entries proposed as the same «inventario
 * inicial». The passphrase is kept only while this screen is open, and emptied once proposed.
 */
export function KdbxImport() {
  const { t } = useTranslation();
  const [file, setFile] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [groups, setGroups] = useState<Record<string, PlatformId>>({});
  const [checked, setChecked] = useState<KdbxPreview | null>(null);
  const [proposed, setProposed] = useState<KdbxProposal | null>(null);
  const source = () => ({ file: file ?? '', passphrase, groupPlatforms: Object.entries(groups).map(([group, platform]) => ({ group, platform })) });
  const check = useAction(() => call(api().import.kdbxPreview(source())), { reads: true });
  const propose = useAction((note: string) => call(api().import.kdbxPropose({ ...source(), ...(note ? { note } : {}) })));

  const choose = async (chosen: File | undefined) => {
    setChecked(null);
    setProposed(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > KDBX_MAX_BYTES) return check.setRefusal({ code: 'IMPORT_KDBX_INVALID', details: { reason: 'too_large' } });
    setFile(await base64Of(chosen));
  };

  return (
    <section aria-labelledby="kdbx-title">
      <h2 id="kdbx-title">{t('import.kdbx.title')}</h2>
      <p>{t('import.kdbx.intro')}</p>
      <div className="row">
        <div className="field grow">
          <label htmlFor="kdbx-file">{t('import.kdbx.file')}</label>
          <input id="kdbx-file" type="file" accept=".kdbx" onChange={(e) => void choose(e.target.files?.[0])} />
        </div>
        <div className="field grow">
          <label htmlFor="kdbx-passphrase">{t('import.kdbx.passphrase')}</label>
          <TextInput id="kdbx-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </div>
      </div>
      {checked && checked.groups.length > 0 ? (
        <fieldset>
          <legend>{t('import.kdbx.groups')}</legend>
          <div className="grid-fields">
            {checked.groups.map((g) => (
              <div className="field" key={g.path}>
                <label htmlFor={`kdbx-group-${g.path}`}>{t('import.kdbx.group', { path: g.path || '/', count: g.entries })}</label>
                <SelectInput
                  id={`kdbx-group-${g.path}`}
                  value={groups[g.path] ?? ''}
                  onChange={(e) => {
                    const value = e.target.value;
                    setGroups(({ [g.path]: _was, ...rest }) => (isPlatform(value) ? { ...rest, [g.path]: value } : rest));
                  }}
                >
                  <option value="">{t('import.kdbx.byEntry')}</option>
                  {PLATFORM_IDS.map((p) => (
                    <option key={p} value={p}>
                      {platformLabel(p)}
                    </option>
                  ))}
                </SelectInput>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!file || !passphrase || check.busy}
          onClick={() => void check.run().then((r) => r.ok && setChecked(r.value))}
        >
          {check.busy ? t('import.kdbx.opening') : t('import.kdbx.check')}
        </button>
      </div>
      <ErrorNotice error={check.refusal} />
      {checked ? (
        <ProposeImport
          id="kdbx"
          counts={checked.counts}
          rows={checked.rows}
          proposed={proposed ? proposed.accountIds.length : null}
          busy={propose.busy}
          refusal={propose.refusal}
          onPropose={(note) =>
            void propose.run(note).then((r) => {
              if (!r.ok) return;
              setProposed(r.value);
              setPassphrase('');
            })
          }
        />
      ) : null}
    </section>
  );
}
