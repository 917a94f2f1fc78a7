// /healthz and /metrics over plain node:http, as routes Slack's HTTP receiver can also mount on its own port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

export type AdapterState = 'starting' | 'connected' | 'failed' | 'stopped';
export type Health = { version: string; briefings: number; adapters: Record<string, { state: AdapterState; detail?: string }> };

/** Same shape as Bolt's `customRoutes`, so one list serves both servers. */
export type Route = { path: string; method: string | string[]; handler: (req: IncomingMessage, res: ServerResponse) => void };

export function opsRoutes(health: () => Health, metrics: Metrics): Route[] {
  return [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (_req, res) => {
        const h = health();
        // Up as long as the process serves; a platform that failed is reported, not fatal (the others keep running).
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...h }));
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
          (err: Error) => res.writeHead(500).end(err.message),
        );
      },
    },
  ];
}

/** A small server for the routes when Slack's receiver is not there to host them. */
export async function startOpsServer(port: number, routes: Route[], host = '0.0.0.0'): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? 'GET'));
    if (route) route.handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
