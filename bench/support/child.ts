import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs one step of a benchmark in a fresh Node process (`node bin/run-ts.js bench/<script> <mode> <size>`), so each
 * measurement has its own heap and peak RSS, and returns the JSON object the step printed last.
 */
export function runBenchStep<T = Record<string, unknown>>(script: string, mode: string, size: number, heapMb?: number): T {
  const heap = heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`];
  const out = execFileSync(process.execPath, [...heap, path.join(ROOT, 'bin', 'run-ts.js'), path.join(ROOT, 'bench', script), mode, String(size)], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = out.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) throw new Error(`bench/${script} ${mode} ${size} printed no result`);
  return JSON.parse(line) as T;
}
