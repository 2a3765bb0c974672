import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlockThread, IN_FLIGHT } from '../../../../main/services/backup/thread';

/**
 * The backup's worker threads (main/services/backup/thread.ts) hand their blocks to the main thread,
 * which digests them: a main thread busy elsewhere must hold the pass back, not let the whole body
 * (hundreds of MB at 10,000 accounts) queue up in memory for it.
 */
class CountingThread extends BlockThread<{ key: Uint8Array; blocks: number }, { peak: number }> {
  constructor() {
    super(new URL('../../../fixtures/block-thread-worker.ts', import.meta.url), 'no-bundle-in-tests.js');
  }

  run(blocks: number, onBlock: (block: Uint8Array) => void) {
    return this.runJob({ blocks }, new Uint8Array(32).fill(7), onBlock);
  }
}

describe('a block pass in a worker thread', () => {
  it('never has more than IN_FLIGHT blocks handed over and not yet taken, however long the main thread is busy', async () => {
    const received: number[] = [];
    const result = await new CountingThread().run(400, (block) => {
      // At the first block the main thread is busy with other work (a digest of 256 MiB): the worker must wait for it.
      if (received.length === 0) {
        const hash = createHash('blake2b512');
        const chunk = Buffer.alloc(64 * 1024 * 1024, 1);
        for (let i = 0; i < 4; i++) hash.update(chunk);
        hash.digest();
      }
      received.push(block[0]!);
    });
    expect(result).toBeDefined();
    expect(result!.peak).toBeGreaterThan(1);
    expect(result!.peak).toBeLessThanOrEqual(IN_FLIGHT);
    // Every block arrived, in order.
    expect(received).toEqual(Array.from({ length: 400 }, (_, i) => i & 255));
  }, 60_000);
});
