import net from "node:net";

export interface Backend {
  host: string;
  port: number;
}

export interface TcpProxy {
  port: number;
  /** Connections handed to each backend so far (tests use it to see where a client landed). */
  readonly routed: number[];
  close(): Promise<void>;
}

/**
 * The way in for a browser in `npm run cluster`: a TCP load balancer over the app servers, round robin per
 * connection, skipping a backend that refuses connections (a dead app server). TCP, not HTTP, so WebSockets pass
 * as they are; the client opens its Socket.IO connection as a WebSocket first, which needs no sticky sessions
 * (long-polling would: see the README's "Running on several machines").
 */
export function startTcpProxy(backends: Backend[], port = 0, host = "127.0.0.1"): Promise<TcpProxy> {
  let next = 0;
  const routed = backends.map(() => 0);
  const sockets = new Set<net.Socket>();

  const connectTo = (client: net.Socket, attempt: number): void => {
    if (attempt >= backends.length) {
      client.destroy();
      return;
    }
    const index = next++ % backends.length;
    const backend = backends[index]!;
    const upstream = net.connect(backend.port, backend.host);
    sockets.add(upstream);
    let connected = false;
    client.once("close", () => upstream.destroy());
    upstream.once("connect", () => {
      connected = true;
      routed[index] = (routed[index] ?? 0) + 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on("error", () => {
      // Refused: the backend is down, try the next one. A connection that broke later ends the client's too.
      if (!connected) connectTo(client, attempt + 1);
    });
    upstream.on("close", () => {
      sockets.delete(upstream);
      if (connected) client.destroy();
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    connectTo(client, 0);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        routed,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
