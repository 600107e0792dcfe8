import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import dynalite from 'dynalite';
import * as sesLocal from 'aws-ses-v2-local';

/** A server started on 127.0.0.1 for the local stack or the tests. */
export interface LocalService {
  endpoint: string;
  close(): Promise<void>;
}

export interface DynaliteOptions {
  /** Folder for the LevelDB files; in memory when omitted. */
  dataDir?: string;
}

/** Starts dynalite on a free 127.0.0.1 port, with tables created at once (no CREATING delay). */
export async function startDynalite(
  options: DynaliteOptions = {},
): Promise<LocalService & { requestCount(): number }> {
  const server: Server = dynalite({
    path: options.dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  let requests = 0;
  server.on('request', () => {
    requests += 1;
  });
  return { ...(await listen(server)), requestCount: () => requests };
}

/** Starts aws-ses-v2-local on a free 127.0.0.1 port. */
export async function startSesLocal(): Promise<LocalService> {
  // The package is CommonJS; depending on the loader its function is `default` or `default.default`.
  const start =
    typeof sesLocal.default === 'function'
      ? sesLocal.default
      : (sesLocal.default as unknown as { default: typeof sesLocal.default })
          .default;
  const server = await start({ host: '127.0.0.1', port: 0 });
  return serviceFor(server);
}

/** Listens on 127.0.0.1 (a free port unless one is given) and returns the endpoint. */
export async function listen(server: Server, port = 0): Promise<LocalService> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return serviceFor(server);
}

function serviceFor(server: Server): LocalService {
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
