import { createReadStream, statSync } from "fs";
import { createServer, Server, ServerOptions } from "https";
import { AddressInfo } from "net";
import { extname, join, resolve, sep } from "path";

/**
 * A real https static file server on 127.0.0.1 and a free port, for browser tests of a built dist/
 * folder. GET and HEAD only; no directory listings; "/" serves taskpane.html.
 */
export interface StaticServer {
  /** Base URL ending in "/", e.g. https://127.0.0.1:41234/ */
  url: string;
  port: number;
  /** Paths requested so far (path part of the URL), in order. */
  requests: string[];
  close(): Promise<void>;
}

export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Starts serving `root` over https with the given key and certificate. */
export function startStaticServer(
  root: string,
  tls: Pick<ServerOptions, "key" | "cert" | "ca">,
  index = "taskpane.html"
): Promise<StaticServer> {
  const base = resolve(root);
  const requests: string[] = [];
  const server: Server = createServer(tls, (req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : text);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "Method not allowed");
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "https://127.0.0.1").pathname);
    } catch {
      return send(400, "Bad request");
    }
    requests.push(pathname);
    const file = resolve(join(base, pathname === "/" ? index : pathname));
    if (file !== base && !file.startsWith(base + sep)) return send(403, "Forbidden");
    let size: number;
    try {
      const stats = statSync(file);
      if (!stats.isFile()) return send(404, "Not found");
      size = stats.size;
    } catch {
      return send(404, "Not found");
    }
    res.writeHead(200, {
      "Content-Type": contentType(file),
      "Content-Length": size,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        url: `https://127.0.0.1:${port}/`,
        port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
