// Prometheus metrics (prom-client) on a registry of our own: commands, latency, digests, library, reloads.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(version: string) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'briefbot_' });
  const m = {
    registry,
    commands: new Counter({ name: 'briefbot_commands_total', help: 'Commands answered, by platform and intent', labelNames: ['platform', 'intent'] as const, registers: [registry] }),
    latency: new Histogram({
      name: 'briefbot_command_seconds',
      help: 'Time from command to reply, by platform',
      labelNames: ['platform'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    rateLimited: new Counter({ name: 'briefbot_rate_limited_total', help: 'Commands refused by the rate limits', labelNames: ['platform', 'scope'] as const, registers: [registry] }),
    digests: new Counter({ name: 'briefbot_digests_total', help: 'Digest deliveries by outcome (sent, failed, skipped, missed)', labelNames: ['platform', 'outcome'] as const, registers: [registry] }),
    briefings: new Gauge({ name: 'briefbot_briefings', help: 'Published briefings in the library being served', registers: [registry] }),
    reloadFailures: new Counter({ name: 'briefbot_reload_failures_total', help: 'Briefing edits that did not validate and were not served', registers: [registry] }),
    info: new Gauge({ name: 'briefbot_info', help: 'Version of briefbot running', labelNames: ['version'] as const, registers: [registry] }),
  };
  m.info.set({ version }, 1);
  return m;
}
