import { Menu } from 'electron';

/** Edit roles only, so that copy and paste work in text fields; no reload, no devtools entry. */
export function installMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'Custodia', submenu: [{ role: 'quit' }] },
      {
        label: 'Editar',
        submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
      },
    ]),
  );
}
