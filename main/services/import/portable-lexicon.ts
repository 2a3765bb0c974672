import { LetterModel, Lexicon } from '../../domain/policy/lexicon';

/**
 * A packed lexicon (main/domain/policy/lexicon.ts) as it crosses to a worker thread: its arrays in
 * shared memory (16 MB for the Spanish and English lexicon: shared, never copied per worker), its
 * two small maps as one JSON text (a string is copied in one piece; a Map of 25,000 entries costs
 * the sending thread ~20–35 ms to clone). Public word lists and the vault's names only: no secret.
 */
export interface PortableLexicon {
  text: Uint8Array;
  offsets: Uint32Array;
  flags: Uint8Array;
  counts: Uint32Array[];
  forms: string;
  nameForms: string;
}

const made = new WeakMap<Lexicon, PortableLexicon>();

function shared<T extends Uint8Array | Uint32Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T {
  const copy = make(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** Made once per lexicon: the process's lexicon lives as long as the process, the vault's names until they change. */
export function toPortable(lexicon: Lexicon): PortableLexicon {
  let portable = made.get(lexicon);
  if (!portable) {
    portable = {
      text: shared(lexicon.text, (b) => new Uint8Array(b)),
      offsets: shared(lexicon.offsets, (b) => new Uint32Array(b)),
      flags: shared(lexicon.flags, (b) => new Uint8Array(b)),
      counts: lexicon.model.counts.map((c) => shared(c, (b) => new Uint32Array(b))),
      forms: JSON.stringify([...lexicon.forms]),
      nameForms: JSON.stringify([...lexicon.nameForms]),
    };
    made.set(lexicon, portable);
  }
  return portable;
}

export function fromPortable(portable: PortableLexicon): Lexicon {
  const map = (json: string) => new Map(JSON.parse(json) as [string, string][]);
  return new Lexicon(portable.text, portable.offsets, portable.flags, map(portable.forms), map(portable.nameForms), new LetterModel(portable.counts));
}
