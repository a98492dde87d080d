// Small helpers the runner needs: medians, interleaved sampling, and number formatting.
import { readFileSync } from 'node:fs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every variant `rounds` times, interleaved (A B C, B C A, C A B, …: the order rotates so no
 * variant always runs first after the others), after `warmup` untimed rounds. `op(name)` returns a
 * promise; each sample is the wall time of `batch` consecutive calls divided by `batch`.
 */
export async function interleave(names, op, { rounds, warmup, batch = 1 }) {
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -warmup; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + Math.max(round, 0)) % names.length];
      const start = performance.now();
      for (let j = 0; j < batch; j++) await op(name);
      const elapsed = (performance.now() - start) / batch;
      if (round >= 0) samples[name].push(elapsed);
    }
  }
  return samples;
}

export const ms = (value) =>
  value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`;
export const bytes = (n) => `${n.toLocaleString('en-US')} B`;
export const ratio = (value) => `${value.toFixed(2)}×`;

/**
 * This process's peak resident memory in bytes. On Linux the kernel's high-water mark of this
 * process's own memory (VmHWM): getrusage's maxRSS also keeps the parent's resident size from the
 * fork that started this process, so a child of a large parent would report the parent's size.
 */
export function peakRss() {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024; // KiB elsewhere
}
