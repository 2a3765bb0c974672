import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

let ready: Promise<Sodium> | undefined;

/** libsodium's WASM initialises once per thread. */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodium.ready.then(() => sodium);
  return ready;
}
