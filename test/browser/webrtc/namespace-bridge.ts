import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { startChild, type StartedChild } from './child-process';
import type { NetworkNamespace } from './network-namespace';

/**
 * Lets the test process (outside the namespace) reach TCP ports that exist only inside it: a
 * forwarder inside turns each port into a unix socket, and a local TCP server here forwards to
 * that socket. `urlOf(port)` is the outside address of an inside port.
 */
export interface NamespaceBridge {
  urlOf(insidePort: number): string;
  close(): Promise<void>;
}

export async function bridgeNamespacePorts(options: {
  namespace: NetworkNamespace;
  ports: number[];
  repositoryRoot: string;
  workDirectory: string;
  logFile: string;
}): Promise<NamespaceBridge> {
  const socketOf = (port: number) => join(options.workDirectory, `port-${port}.sock`);
  const { executable, args } = options.namespace.command(process.execPath, [
    '-r',
    '@swc-node/register',
    join(options.repositoryRoot, 'test', 'browser', 'webrtc', 'namespace-forwarder.ts'),
    ...options.ports.map((port) => `${port}=${socketOf(port)}`),
  ]);
  const forwarder: StartedChild = await startChild({
    executable,
    args,
    cwd: options.repositoryRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
    logFile: options.logFile,
    readyLine: 'attune-e2e-forwarder-ready',
    timeoutMs: 30_000,
  });
  const servers = new Map<number, Server>();
  try {
    for (const port of options.ports) servers.set(port, await listenForwardingTo(socketOf(port)));
  } catch (error) {
    await closeAll([...servers.values()]);
    await forwarder.stop();
    throw error;
  }
  return {
    urlOf(port) {
      const server = servers.get(port);
      if (!server) throw new Error(`port ${port} is not bridged`);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      await closeAll([...servers.values()]);
      await forwarder.stop();
    },
  };
}

/** Open connections are destroyed on close, or a keep-alive connection would hold close() for ever. */
const openSockets = new WeakMap<Server, Set<Socket>>();

function listenForwardingTo(socketPath: string): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    const upstream = connect(socketPath);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  openSockets.set(server, sockets);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          openSockets.get(server)?.forEach((socket) => socket.destroy());
        }),
    ),
  );
}
