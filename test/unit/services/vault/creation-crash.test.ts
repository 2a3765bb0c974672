import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN, foundingRequest, freshServices, keyholderId, tempDir } from '../../../fixtures/vault';
import type { Services } from '../../../../main/services';

let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/** Starts the ceremony in a child process and SIGKILLs it as soon as the staging file appears. */
function killDuringCreation(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/create-vault-child.ts', dir], { stdio: 'ignore' });
    const watcher = watch(dir, (_event, file) => {
      if (file?.startsWith('vault.sqlite')) child.kill('SIGKILL');
    });
    child.on('exit', () => {
      watcher.close();
      resolve();
    });
    child.on('error', reject);
  });
}

describe('a process killed during the creation ceremony', () => {
  it('leaves either no vault or a complete one, never a half-made one', async () => {
    const dir = tempDir();
    await killDuringCreation(dir);
    services = await freshServices(dir);
    const state = services.setup.status().state;
    expect(['empty', 'locked']).toContain(state);
    if (state === 'empty') {
      // the staging file is discarded and the ceremony can run again
      await services.setup.create(foundingRequest());
      services.sessions.lock('manual');
    }
    await services.sessions.unlock(keyholderId(services, 'head'), KNOWN.headPass);
    expect(services.audit.verify().ok).toBe(true);
  });
});
