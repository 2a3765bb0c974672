import canonicalize from 'canonicalize';
import { z } from 'zod';
import { BACKUP_FORMAT } from '../../../shared/backup';
import { KEYHOLDER_ROLES } from '../../../shared/domain';
import { CustodiaError } from '../../domain/errors';
import { ed25519Key, ed25519Verify } from '../../vault/signatures';
import type { Sodium } from '../../vault/sodium';

/**
 * The backup file, version 1 (docs/decisions/0008-backup-file-format.md):
 *
 *   magic (16) | format version (u32 BE) | header length H (u32 BE) | header (H bytes, canonical JSON)
 *   | Ed25519 signature (64) over context || magic || version || header | body
 *
 * The body is a secretstream (XChaCha20-Poly1305) of the snapshot under the vault's backup subkey:
 * its 24-byte stream header, then chunks, each a u32 BE length and the ciphertext. The first chunk's
 * associated data is the digest of the header without its `bodyDigest` (the header's core), so a
 * header cannot be moved onto another body; the last chunk carries the FINAL tag, so a truncation
 * is found. `bodyDigest` (BLAKE2b-512 of every body byte) lets a file be checked whole without a
 * passphrase; the signature covers it.
 */
export const MAGIC = new TextEncoder().encode('CUSTODIA-BACKUP\n');
export const FORMAT_VERSION = 1;
const SIGNATURE_CONTEXT = new TextEncoder().encode('custodia/v1/backup-header:');
export const PREFIX_BYTES = MAGIC.length + 8;
export const SIGNATURE_BYTES = 64;
/** A header lists counts and key slots: far below this. */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** Placeholder of the same length as a BLAKE2b-512 digest in hex, written first and replaced once the body is written. */
export const DIGEST_PLACEHOLDER = '0'.repeat(128);

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const count = z.number().int().nonnegative();

export const keySlot = z
  .object({
    id: z.string().uuid(),
    role: z.enum(KEYHOLDER_ROLES),
    kdf: z.object({ alg: z.literal('argon2id13'), opslimit: count, memlimit: count, salt: hex(16) }).strict(),
    /** The vault key wrapped under this keyholder's Argon2id key, exactly as the vault stores it. */
    wrappedVk: z.string().regex(/^[0-9a-f]{2,512}$/),
    signPublicKey: hex(32),
  })
  .strict();
export type KeySlot = z.infer<typeof keySlot>;

export const backupHeader = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    createdAt: z.string().datetime(),
    vaultId: z.string().min(1).max(64),
    schemaVersion: count,
    chainHead: z.object({ seq: count, hash: hex(32) }).strict(),
    counts: z.record(z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/), count),
    keyholders: z.array(keySlot).min(1).max(64),
    signer: z.object({ keyholderId: z.string().uuid(), publicKey: hex(32) }).strict(),
    chunkBytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024),
    bodyDigest: hex(64),
  })
  .strict();
export type BackupHeader = z.infer<typeof backupHeader>;

const encoder = new TextEncoder();

export function encodeHeader(header: BackupHeader): Uint8Array {
  return encoder.encode(canonicalize(header)!);
}

/** What the first chunk's associated data binds: the header as it is before the body's digest is known. */
export function headerCore(s: Sodium, header: BackupHeader): Uint8Array {
  return s.crypto_generichash(32, encodeHeader({ ...header, bodyDigest: DIGEST_PLACEHOLDER }), null);
}

export function prefix(headerLength: number, version = FORMAT_VERSION): Uint8Array {
  const out = new Uint8Array(PREFIX_BYTES);
  out.set(MAGIC);
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, version);
  view.setUint32(MAGIC.length + 4, headerLength);
  return out;
}

function signedMessage(version: number, headerBytes: Uint8Array): Uint8Array {
  const message = new Uint8Array(SIGNATURE_CONTEXT.length + MAGIC.length + 4 + headerBytes.length);
  message.set(SIGNATURE_CONTEXT);
  message.set(MAGIC, SIGNATURE_CONTEXT.length);
  new DataView(message.buffer).setUint32(SIGNATURE_CONTEXT.length + MAGIC.length, version);
  message.set(headerBytes, SIGNATURE_CONTEXT.length + MAGIC.length + 4);
  return message;
}

export function signHeader(s: Sodium, headerBytes: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return s.crypto_sign_detached(signedMessage(FORMAT_VERSION, headerBytes), secretKey);
}

/** The prefix read from a file's first bytes: refused as not a backup, or as a newer format. */
export function readPrefix(bytes: Uint8Array): { version: number; headerLength: number } {
  if (bytes.length < PREFIX_BYTES || !MAGIC.every((b, i) => bytes[i] === b)) throw new CustodiaError('BACKUP_NOT_A_BACKUP');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(MAGIC.length);
  const headerLength = view.getUint32(MAGIC.length + 4);
  if (version === 0) throw new CustodiaError('BACKUP_NOT_A_BACKUP');
  if (version > FORMAT_VERSION) throw new CustodiaError('BACKUP_NEWER_FORMAT', { version, supported: FORMAT_VERSION });
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw new CustodiaError('BACKUP_CORRUPT', { part: 'header' });
  return { version, headerLength };
}

/**
 * Parses the header and checks its signature: by the key the header names, which must be the key
 * slot of the keyholder it names as signer (a keyholder of that backup). Whether that key is the
 * institution's own is checked against a signed roster: the open vault's (inspect) or the restored one's (open).
 */
export function readHeader(headerBytes: Uint8Array, signature: Uint8Array, version = FORMAT_VERSION): BackupHeader {
  // A header that does not read as one was altered: its signature cannot hold (a damaged body is BACKUP_CORRUPT).
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'unreadable' });
  }
  const header = backupHeader.safeParse(parsed);
  if (!header.success) throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'unreadable' });
  const { signer, keyholders } = header.data;
  const slot = keyholders.find((k) => k.id === signer.keyholderId);
  if (!slot || slot.signPublicKey !== signer.publicKey) throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'signer_not_keyholder' });
  const key = ed25519Key(Buffer.from(signer.publicKey, 'hex'));
  if (!ed25519Verify(key, signedMessage(version, headerBytes), signature)) throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'invalid' });
  // Canonical bytes only: the same header cannot be written two ways.
  if (Buffer.compare(Buffer.from(encodeHeader(header.data)), Buffer.from(headerBytes)) !== 0)
    throw new CustodiaError('BACKUP_SIGNATURE', { reason: 'not_canonical' });
  return header.data;
}
