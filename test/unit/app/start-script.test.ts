import { describe, expect, it } from 'vitest';
import { plan } from '../../../scripts/start.mjs';

const expectedStamp = '45.4.1 x64';

describe('npm start', () => {
  it('fetches Electron and builds better-sqlite3 for its ABI on a fresh clone, then launches', () => {
    expect(plan({ electronPresent: false, nativeStamp: null, expectedStamp })).toEqual(['build', 'fetch-electron', 'build-sqlite-for-electron', 'launch']);
  });

  it('skips what is already in place', () => {
    expect(plan({ electronPresent: true, nativeStamp: expectedStamp, expectedStamp })).toEqual(['build', 'launch']);
  });

  it('rebuilds the Electron-ABI sqlite after an Electron upgrade', () => {
    expect(plan({ electronPresent: true, nativeStamp: '44.0.0 x64', expectedStamp })).toEqual(['build', 'build-sqlite-for-electron', 'launch']);
  });
});
