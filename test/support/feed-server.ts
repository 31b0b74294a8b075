import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface FeedServerOptions {
  /**
   * Answer as a feed on another origin must for the task pane's fetch: CORS headers on every
   * response (ETag exposed, so the pane can make a conditional request next time) and a preflight
   * answer that allows If-None-Match.
   */
  cors?: boolean;
}

/**
 * A real HTTP feed on 127.0.0.1 with one handler per path, for refresh tests. Open sockets are
 * destroyed on close so that a handler that never answers cannot keep the test process alive.
 */
export async function startFeedServer(
  routes: Record<string, Route>,
  options: FeedServerOptions = {}
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import("net").Socket>();
  const server: Server = createServer((request, response) => {
    if (options.cors) {
      response.setHeader("access-control-allow-origin", "*");
      response.setHeader("access-control-expose-headers", "ETag");
      if (request.method === "OPTIONS") {
        response
          .writeHead(204, {
            "access-control-allow-methods": "GET",
            "access-control-allow-headers": "If-None-Match",
            "access-control-max-age": "600",
          })
          .end();
        return;
      }
    }
    const route = routes[new URL(request.url ?? "/", "http://x").pathname];
    if (route) route(request, response);
    else response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bind one, note it, close it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
