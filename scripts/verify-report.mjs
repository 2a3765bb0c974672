#!/usr/bin/env node
// Verifies a monthly report signed by Custodia (issue 17, SUP-3), offline, with Node's built-ins only.
//
//   node scripts/verify-report.mjs informe.json [--key <clave pública en hex o huella>]
//
// It recomputes the signed bytes (the context, then the report canonicalized by RFC 8785 / JCS),
// checks the Ed25519 signature with the public key the file names, recomputes that key's
// fingerprint (BLAKE2b-80, as Custodia shows it), and with --key also requires that key: the one
// the office published. Exit codes: 0 valid; 1 altered or not signed by the key it names;
// 2 signed by another key than --key; 3 unreadable file or wrong use.
import { readFileSync } from 'node:fs';
import { verify } from 'node:crypto';

const CONTEXT = 'custodia/v1/monthly-report:';
const FORMAT = 'custodia/monthly-report/v1';

function fail(code, message) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

// RFC 8785: keys sorted by UTF-16 code units, numbers and strings as ECMAScript serializes them.
function canonical(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('número no finito');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  throw new Error(`valor no admitido: ${typeof value}`);
}

// BLAKE2b (RFC 7693) with a chosen digest length, no key: Node's crypto offers only the 64-byte one.
const MASK = (1n << 64n) - 1n;
const IV = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const rotr = (x, n) => ((x >> BigInt(n)) | (x << BigInt(64 - n))) & MASK;

function blake2b(input, outlen) {
  const h = IV.slice();
  h[0] ^= 0x01010000n ^ BigInt(outlen);
  const blocks = Math.max(1, Math.ceil(input.length / 128));
  for (let b = 0; b < blocks; b++) {
    const block = new Uint8Array(128);
    block.set(input.subarray(b * 128, b * 128 + 128));
    const m = Array.from({ length: 16 }, (_, i) => Buffer.from(block.buffer, i * 8, 8).readBigUInt64LE());
    const v = [...h, ...IV];
    v[12] ^= BigInt(Math.min(input.length, (b + 1) * 128));
    if (b === blocks - 1) v[14] ^= MASK;
    const g = (a, bb, c, d, x, y) => {
      v[a] = (v[a] + v[bb] + x) & MASK;
      v[d] = rotr(v[d] ^ v[a], 32);
      v[c] = (v[c] + v[d]) & MASK;
      v[bb] = rotr(v[bb] ^ v[c], 24);
      v[a] = (v[a] + v[bb] + y) & MASK;
      v[d] = rotr(v[d] ^ v[a], 16);
      v[c] = (v[c] + v[d]) & MASK;
      v[bb] = rotr(v[bb] ^ v[c], 63);
    };
    for (let r = 0; r < 12; r++) {
      const s = SIGMA[r % 10];
      g(0, 4, 8, 12, m[s[0]], m[s[1]]);
      g(1, 5, 9, 13, m[s[2]], m[s[3]]);
      g(2, 6, 10, 14, m[s[4]], m[s[5]]);
      g(3, 7, 11, 15, m[s[6]], m[s[7]]);
      g(0, 5, 10, 15, m[s[8]], m[s[9]]);
      g(1, 6, 11, 12, m[s[10]], m[s[11]]);
      g(2, 7, 8, 13, m[s[12]], m[s[13]]);
      g(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
  }
  const out = Buffer.alloc(64);
  h.forEach((word, i) => out.writeBigUInt64LE(word, i * 8));
  return out.subarray(0, outlen);
}

/** A public key's fingerprint as Custodia shows it: BLAKE2b-80, upper-case hex in groups of four. */
const fingerprintOf = (publicKey) => blake2b(publicKey, 10).toString('hex').toUpperCase().match(/.{4}/g).join('-');

const isHex = (text, bytes) => typeof text === 'string' && new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(text);
const squash = (text) => text.replace(/[\s-]/g, '').toUpperCase();

function main(argv) {
  const args = argv.slice(2);
  const keyAt = args.indexOf('--key');
  const expected = keyAt >= 0 ? args[keyAt + 1] : undefined;
  const files = args.filter((_, i) => keyAt < 0 || (i !== keyAt && i !== keyAt + 1));
  if ((keyAt >= 0 && !expected) || files.length !== 1) {
    fail(3, 'Uso: node scripts/verify-report.mjs informe.json [--key <clave pública en hex o huella>]');
  }
  let signed;
  try {
    signed = JSON.parse(readFileSync(files[0], 'utf8'));
  } catch (error) {
    fail(3, `ILEGIBLE: no se pudo leer «${files[0]}» como JSON (${error.code ?? error.message}).`);
  }
  const report = signed?.report;
  const signature = signed?.signature;
  const signer = report?.signer;
  if (report?.format !== FORMAT || signature?.algorithm !== 'Ed25519' || signature?.context !== CONTEXT || !isHex(signature?.value, 64)) {
    fail(1, `NO VÁLIDO: el archivo no es un informe mensual firmado de Custodia (${FORMAT}, Ed25519).`);
  }
  if (!signer || !isHex(signer.publicKey, 32)) fail(1, 'NO VÁLIDO: el informe no nombra la clave pública de quien lo firmó.');

  const publicKey = Buffer.from(signer.publicKey, 'hex');
  const fingerprint = fingerprintOf(publicKey);
  let ok = false;
  try {
    const message = Buffer.from(`${CONTEXT}${canonical(report)}`, 'utf8');
    const key = { key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' };
    ok = verify(null, message, key, Buffer.from(signature.value, 'hex'));
  } catch {
    ok = false;
  }
  if (!ok) {
    fail(
      1,
      `FIRMA NO VÁLIDA: el contenido no es el que firmó la clave ${fingerprint}: una cifra o un dato cambió después de la firma, o la firma no es de esa clave.`,
    );
  }
  if (squash(signer.fingerprint ?? '') !== squash(fingerprint)) {
    fail(1, `NO VÁLIDO: la huella escrita en el informe (${signer.fingerprint}) no es la de su clave (${fingerprint}).`);
  }
  if (expected !== undefined) {
    const given = squash(expected);
    const matches = isHex(expected, 32) ? given === squash(signer.publicKey) : given === squash(fingerprint);
    if (!matches) {
      fail(2, `CLAVE DISTINTA: el informe está firmado con la clave de huella ${fingerprint}, no con la publicada (${expected}).`);
    }
  }

  const f = report.figures;
  const share = f.changes.sharePercent === null ? 'sin cambios en el mes' : `${f.changes.sharePercent} %`;
  const lines = [
    `FIRMA VÁLIDA: informe mensual ${report.month} de ${report.institution.name} (${report.institution.acronym}).`,
    `Firmado por ${signer.name} (Jefe de la Oficina), clave de huella ${fingerprint}${expected !== undefined ? ', la publicada' : ''}.`,
    `Período: ${report.period.from} a ${report.period.to} (${report.period.timeZone}); generado ${report.generatedAt}.`,
    `Indicador SUP-3, cambios de credenciales autorizados: ${f.changes.authorized} de ${f.changes.total} (${share}); hechos fuera de Custodia: ${f.changes.outside}.`,
    `Rotaciones: ${f.rotations.applied} (a tiempo ${f.rotations.onTime}, tarde ${f.rotations.late}); vencidas al cierre: ${f.rotations.overdueAtMonthEnd} de ${f.rotations.accountsAtMonthEnd} cuentas.`,
    `Exposiciones: ${f.exposures.total}${f.exposures.exported === undefined ? '' : ` (en exportaciones a KeePass: ${f.exposures.exported})`}. Roles otorgados: ${f.requests.roleGrants}, retirados: ${f.requests.roleRevocations}. Bajas de personal: ${f.requests.departures}.`,
    ...(f.requests.inventoryImports === undefined
      ? []
      : [`Inventarios importados: ${f.requests.inventoryImports}. Exportaciones de la bóveda a KeePass: ${f.requests.vaultExports}.`]),
    `Incidentes: ${f.incidents.recorded} registrados, ${f.incidents.closed} cerrados, ${f.incidents.openAtMonthEnd} abiertos al cierre. Entregas de cargo: ${f.handovers.started} iniciadas, ${f.handovers.completed} completadas.`,
    `Cumplimiento al generar: ${report.compliance.red} celdas en rojo, ${report.compliance.amber} en ámbar.`,
    `Cadena de auditoría: evento n.º ${report.audit.seq}, cabeza ${report.audit.head}.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv);
