// Fake Discord on one ephemeral 127.0.0.1 port: REST under /api/v10 and the gateway as a WebSocket upgrade.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './gateway.ts';
import { FakeRest } from './rest.ts';

export class FakeDiscord {
  readonly rest = new FakeRest();
  readonly gateway = new FakeGateway();
  /** Paths the client opened gateway connections on ("/gateway" first, "/resume" after a drop). */
  readonly connections: string[] = [];
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  apiUrl = '';

  constructor() {
    this.http = createServer((req, res) => void this.rest.handle(req, res));
    this.http.on('upgrade', (req, socket, head) => {
      this.connections.push(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway.accept(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    const { port } = this.http.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.rest.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    this.gateway.resumeUrl = `ws://127.0.0.1:${port}/resume`;
    return this;
  }

  async stop(): Promise<void> {
    this.gateway.close();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
