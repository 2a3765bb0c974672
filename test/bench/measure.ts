/** Bench helpers: one JSON object per line on stdout, names fixed by design.md §7. */
export interface Figure {
  name: string;
  n: number;
  median_ms: number;
  ratio?: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeRuns(runs: number, body: () => unknown | Promise<unknown>, between?: () => unknown | Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
    if (between) await between();
  }
  return times;
}

export function report(figure: Figure): Figure {
  const rounded = {
    ...figure,
    median_ms: Number(figure.median_ms.toFixed(4)),
    ...(figure.ratio !== undefined ? { ratio: Number(figure.ratio.toFixed(3)) } : {}),
  };
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
  return rounded;
}
