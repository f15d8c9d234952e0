import cliProgress from 'cli-progress';

/** A progress bar on a terminal; one line per 10% otherwise (CI logs stay short). */
export function progressReporter(total: number): { update: (done: number) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: 'contracts [{bar}] {percentage}% {value}/{total} {eta}s left', stream: process.stderr }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let nextReport = 0.1;
  return {
    update: (done) => {
      if (done / total + 1e-9 < nextReport) return;
      console.error(`contracts: ${Math.floor((done / total) * 100)}% (${done}/${total})`);
      nextReport = Math.floor((done / total) * 10 + 1) / 10;
    },
    stop: () => undefined,
  };
}
