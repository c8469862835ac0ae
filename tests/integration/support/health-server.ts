/**
 * Serves the app's own `/api/health` route handler on 127.0.0.1 over plain node:http, so real load
 * generators (autocannon, ab, Artillery) can run against it inside an integration test.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GET } from "@/app/api/health/route";

export async function startHealthServer(): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    if (req.url !== "/api/health") {
      res.writeHead(404).end();
      return;
    }
    const response = GET();
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(body);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/health`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
