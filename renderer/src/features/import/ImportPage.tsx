import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_DELIMITERS, CSV_MAX_CHARS, IMPORT_FIELDS, type CsvPreview, type CsvProposal, type ImportField } from '../../../../shared/import';
import { api, call } from '../../bridge/api';
import { useAction } from '../../bridge/useAction';
import { SelectInput } from '../../ui/controls';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { RoleNote } from '../vault/RoleNote';
import { usePermissions } from '../vault/usePermissions';
import { KdbxImport } from './KdbxImport';
import { ProposeImport } from './ProposeImport';

type Delimiter = (typeof CSV_DELIMITERS)[number];
const isDelimiter = (v: string): v is Delimiter => (CSV_DELIMITERS as readonly string[]).includes(v);
const isField = (v: string): v is ImportField => (IMPORT_FIELDS as readonly string[]).includes(v);

/**
 * «Importar el inventario inicial» (issue 18, scope 3): the office's CSV read in the screen, its
 * columns mapped (main's guess from the header first), every row checked by main with its number,
 * and the importable rows proposed as one co-signed request. The file's text goes to main only;
 * nothing it returns is a password or a seed.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { may } = usePermissions();
  const [text, setText] = useState<string | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [delimiter, setDelimiter] = useState<Delimiter>('auto');
  const [columns, setColumns] = useState<CsvPreview['columns'] | null>(null);
  const [mapping, setMapping] = useState<Record<number, ImportField>>({});
  const [checked, setChecked] = useState<CsvPreview | null>(null);
  const [proposed, setProposed] = useState<CsvProposal | null>(null);
  const source = () => ({ text: text ?? '', delimiter, hasHeader });
  const mapped = () => Object.entries(mapping).map(([column, field]) => ({ column: Number(column), field }));
  const read = useAction(() => call(api().import.csvPreview({ ...source(), mapping: [] })), { reads: true });
  const check = useAction(() => call(api().import.csvPreview({ ...source(), mapping: mapped() })), { reads: true });
  const propose = useAction((note: string) => call(api().import.csvPropose({ ...source(), mapping: mapped(), ...(note ? { note } : {}) })));

  if (!may('import.propose')) return <RoleNote action="import.propose" what={t('import.title')} />;
  const restart = () => {
    setColumns(null);
    setChecked(null);
    setProposed(null);
  };
  const choose = async (file: File | undefined) => {
    restart();
    setText(null);
    if (!file) return;
    if (file.size > CSV_MAX_CHARS) return read.setRefusal({ code: 'IMPORT_CSV_INVALID', details: { reason: 'too_large' } });
    setText(await file.text());
  };
  const readColumns = async () => {
    restart();
    const r = await read.run();
    if (!r.ok) return;
    setColumns(r.value.columns);
    setMapping(Object.fromEntries(r.value.columns.map((c) => [c.index, c.suggested])));
  };

  return (
    <div className="panel">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
      <h2>{t('import.csv')}</h2>
      <div className="row">
        <div className="field grow">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
        </div>
        <div className="field">
          <label htmlFor="import-delimiter">{t('import.delimiter')}</label>
          <SelectInput
            id="import-delimiter"
            value={delimiter}
            onChange={(e) => {
              if (isDelimiter(e.target.value)) setDelimiter(e.target.value);
              restart();
            }}
          >
            {CSV_DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {t(`import.delimiters.${d}`)}
              </option>
            ))}
          </SelectInput>
        </div>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={hasHeader}
          onChange={(e) => {
            setHasHeader(e.target.checked);
            restart();
          }}
        />
        <span>{t('import.hasHeader')}</span>
      </label>
      <div className="actions">
        <button type="button" disabled={!text || read.busy} onClick={() => void readColumns()}>
          {t('import.read')}
        </button>
      </div>
      <ErrorNotice error={read.refusal} />

      {columns ? (
        <section aria-labelledby="import-mapping-title">
          <h2 id="import-mapping-title">{t('import.mapping')}</h2>
          <div className="grid-fields">
            {columns.map((c) => (
              <div className="field" key={c.index}>
                <label htmlFor={`import-column-${c.index}`}>
                  {c.header ? t('import.columnNamed', { n: c.index + 1, header: c.header }) : t('import.column', { n: c.index + 1 })}
                </label>
                <SelectInput
                  id={`import-column-${c.index}`}
                  value={mapping[c.index] ?? 'ignore'}
                  onChange={(e) => {
                    const field = e.target.value;
                    if (isField(field)) setMapping((was) => ({ ...was, [c.index]: field }));
                    setChecked(null);
                  }}
                >
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {t(`import.fields.${f}`)}
                    </option>
                  ))}
                </SelectInput>
              </div>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={check.busy} onClick={() => void check.run().then((r) => r.ok && setChecked(r.value))}>
              {t('import.check')}
            </button>
          </div>
          <ErrorNotice error={check.refusal} />
        </section>
      ) : null}

      {checked ? (
        <section aria-labelledby="import-rows-title">
          <h2 id="import-rows-title">{t('import.rowsTitle')}</h2>
          <ProposeImport
            id="import"
            counts={checked.counts}
            rows={checked.rows}
            proposed={proposed ? proposed.accountIds.length : null}
            busy={propose.busy}
            refusal={propose.refusal}
            onPropose={(note) => void propose.run(note).then((r) => r.ok && setProposed(r.value))}
          />
        </section>
      ) : null}
      <KdbxImport />
    </div>
  );
}
