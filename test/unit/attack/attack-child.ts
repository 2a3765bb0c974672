// A second Custodia process for the attack tests (test/unit/attack): like test/fixtures/vault-child.ts,
// it runs IPC steps through the real handler table on the vault in argv[2] and prints each Result as
// one JSON line, and it also runs file-system steps between them, so that a fault can be put in place
// and removed while the same process keeps the vault open:
//   ["fs.chmod", { path, mode }]   ["fs.rm", { path }]   ["fs.write", { path, text }]
// Paths are relative to the vault's folder. ["open", { dir }] closes the vault and opens the one in
// dir instead (one process start for several folders: starting one costs about two seconds).
// A payload value "$administrator" / "$head" is that founding keyholder's id (from vault.status).
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlerTable, dispatch } from '../../../main/ipc/handlers';
import { createServices } from '../../../main/services';

let dir = process.argv[2]!;
const report = (channel: string, error: unknown) => process.stderr.write(`${channel}: ${String(error)}\n`);
let services = await createServices({ dataDir: dir });
let table = createHandlerTable(services, report);
const steps = JSON.parse(process.argv[3] ?? '[]') as [string, Record<string, unknown>][];

const ids: Record<string, string> = {};
async function resolve(payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === '$administrator' || value === '$head') {
      if (!ids[value]) {
        const status = await dispatch(table, 'vault.status', {});
        const keyholders = status.ok ? (status.value as { keyholders: { id: string; role: string }[] }).keyholders : [];
        for (const k of keyholders) ids[`$${k.role}`] = k.id;
      }
      out[key] = ids[value];
    } else out[key] = value;
  }
  return out;
}

for (const [step, payload] of steps) {
  if (step === 'open') {
    await services.close();
    dir = String(payload.dir);
    services = await createServices({ dataDir: dir });
    table = createHandlerTable(services, report);
    for (const key of Object.keys(ids)) delete ids[key];
    continue;
  }
  if (step.startsWith('fs.')) {
    const path = join(dir, String(payload.path));
    if (step === 'fs.chmod') chmodSync(path, Number(payload.mode));
    else if (step === 'fs.rm') rmSync(path, { recursive: true, force: true });
    else if (step === 'fs.write') writeFileSync(path, String(payload.text));
    continue;
  }
  const result = await dispatch(table, step, await resolve(payload));
  process.stdout.write(`${JSON.stringify({ channel: step, result, session: services.sessions.current() !== undefined })}\n`);
}
await services.close();
