// `npm run bench [name…]`: runs the named benchmarks (default: all) and appends results to docs/benchmarks.md.
import { benchArchive } from './archive.ts';
import { benchFanout } from './fanout.ts';
import { benchIngest } from './ingest.ts';
import { benchLatency } from './latency.ts';
import { benchStartup } from './startup.ts';

const BENCHES: Record<string, () => Promise<void>> = { startup: benchStartup, latency: benchLatency, fanout: benchFanout, ingest: benchIngest, archive: benchArchive };

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const run = BENCHES[name];
  if (!run) {
    process.stderr.write(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exitCode = 2;
    break;
  }
  await run();
}
// Fake servers and clients may keep handles open; the results are written, so end here.
process.exit(process.exitCode ?? 0);
