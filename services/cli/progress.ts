import cliProgress from 'cli-progress';

/** A progress bar on stderr with rate and ETA; silent when stderr is not a terminal (CI, pipes). */
export function progressBar(label: string, unit: string): { start(total: number): void; update(done: number, total?: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: false,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  return {
    start: (total) => bar.start(Math.max(total, 1), 0, { rate: 0 }),
    update: (done, total) => {
      if (total !== undefined) bar.setTotal(Math.max(total, done, 1));
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
}
