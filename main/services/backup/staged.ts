import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, fstatSync, fsync, lstatSync, openSync, readdirSync, rmSync, statSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { CustodiaError } from '../../domain/errors';
import type { StagedGuard, VaultFile } from '../vault/vault-file';

/**
 * A backup decrypted straight into the vault's own folder (same file system: installed by a rename,
 * never copied), as `vault.sqlite.restoring-<pid>-<random>`: a name the vault file's inspect never
 * reads as a vault, and that the next open removes when the process that wrote it is gone.
 */
const STAGED = /^vault\.sqlite\.restoring-(\d+)-[0-9a-f]{16}(?:-wal|-shm|-journal)?$/;
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

interface Identity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mode: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}
const identityOf = (st: BigIntStats): Identity => ({ dev: st.dev, ino: st.ino, size: st.size, mode: st.mode, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs });
const sameIdentity = (a: Identity, b: Identity) => (Object.keys(a) as (keyof Identity)[]).every((k) => a[k] === b[k]);

/**
 * The staged file and a descriptor kept on it from its creation (0600, O_EXCL) to its install.
 *
 * "The bytes installed are the bytes verified", without reading 300 MB again: once verified the file
 * is made read-only (0400), its identity recorded (device, inode, size, mode, mtime and ctime in ns)
 * from the descriptor, and synced; right before the rename the descriptor's file must still have that
 * identity, be the file the name points to, and have no second name.
 *
 * What this catches: the name pointed at another file (a rename over it, a symlink), a hard link,
 * any write, truncation or chmod after the identity was taken, through the name or through a
 * descriptor opened earlier (each moves ctime, which utimes cannot set back; to open it for writing
 * anew, a process other than root must first chmod it, which moves ctime too).
 * What it does not: an edit during the verification itself or before the identity is taken (as
 * today's digest, taken after the verification, did not); on kernels before Linux 6.13 (coarse
 * timestamps, ~4 ms ticks), an in-place overwrite within the tick in which the identity was taken
 * (since 6.13, ext4, xfs, btrfs and tmpfs give a change after a stat a new, fine-grained ctime); a
 * name swapped away and back between the check and the rename (microseconds). A process of the same
 * user can as well edit the installed vault, or the app, afterwards: the restored vault's own
 * verification at each unlock is what finds an edit of its content.
 */
export class StagedFile implements StagedGuard {
  private fd: number | undefined;
  private identity: Identity | undefined;
  private installed = false;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Removes what killed runs left, then creates a new, empty, private staged file. */
  static create(vault: VaultFile): StagedFile {
    const path = vault.stagingPath(`restoring-${process.pid}-${randomBytes(8).toString('hex')}`);
    removeStaleStaged(vault.dataDir);
    return new StagedFile(path, openSync(path, 'wx', 0o600));
  }

  /** The descriptor the decryption writes through. */
  get descriptor(): number {
    if (this.fd === undefined) throw new CustodiaError('BACKUP_UNKNOWN');
    return this.fd;
  }

  /**
   * Once verified (its SQLite connections closed, the WAL checkpointed into it): SQLite's side files
   * removed (what was verified must be in the file itself), then read-only, synced (off the main
   * thread: 300 MB may take a while to reach the disk), and its identity recorded.
   */
  async seal(): Promise<void> {
    const wal = `${this.path}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) throw new CustodiaError('INTERNAL', { stage: 'restore_checkpoint' });
    for (const suffix of SIDE_FILES.slice(1)) rmSync(this.path + suffix, { force: true });
    fchmodSync(this.descriptor, 0o400);
    // Taken before the sync (which moves no timestamp), so an edit while it runs is found by the check below.
    this.identity = identityOf(fstatSync(this.descriptor, { bigint: true }));
    const fd = this.descriptor;
    await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
    this.check();
  }

  /** Refuses (BACKUP_CORRUPT, part `staged`) a file that is not the verified one as it was verified. */
  check(): void {
    const refused = () => new CustodiaError('BACKUP_CORRUPT', { part: 'staged' });
    if (!this.identity) throw refused();
    const held = fstatSync(this.descriptor, { bigint: true });
    let named: BigIntStats;
    try {
      named = lstatSync(this.path, { bigint: true });
    } catch {
      throw refused();
    }
    if (!sameIdentity(this.identity, identityOf(held)) || !sameIdentity(this.identity, identityOf(named)) || held.nlink !== 1n) throw refused();
  }

  /**
   * Renamed into place: writable again for SQLite, and the descriptor closed before the vault opens
   * (closing any descriptor of a file drops the POSIX locks SQLite holds on it in this process).
   */
  settle(): void {
    this.installed = true;
    fchmodSync(this.descriptor, 0o600);
    this.close();
  }

  /** Closes the descriptor and removes SQLite's side files of the staged name and, unless it was installed, the file. */
  remove(): void {
    this.close();
    for (const suffix of SIDE_FILES) if (suffix || !this.installed) rmSync(this.path + suffix, { force: true });
  }

  private close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Staged files of processes that are gone (killed during a restore), and of this one (called once
 * this process's own was discarded: a restore stages one file at a time): removed.
 */
export function removeStaleStaged(dataDir: string): number {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = STAGED.exec(name);
    const path = join(dataDir, name);
    if (!match || alive(Number(match[1]))) continue;
    rmSync(path, { force: true });
    removed += 1;
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
