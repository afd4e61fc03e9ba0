import net from "node:net";

export interface TcpProxy {
  port: number;
  /** The target's URL with its host and port replaced by the proxy's. */
  url(targetUrl: string): string;
  /** An outage: open connections are cut and new ones refused, until `resume`. */
  cut(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay in front of a real server (PostgreSQL, Redis), so a test can take the server away
 * from one process and give it back, without stopping a server other test files share.
 */
export async function startTcpProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = async () => {
    const next = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => resolve());
    });
    port = (next.address() as net.AddressInfo).port;
    server = next;
  };
  const cut = async () => {
    const running = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
  };
  await listen();
  return {
    port,
    url: (targetUrl) => {
      const url = new URL(targetUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    cut,
    resume: async () => {
      if (!server) await listen();
    },
    close: cut,
  };
}
