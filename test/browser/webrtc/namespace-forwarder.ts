import { connect, createServer } from 'node:net';

/*
 * Runs inside the test's network namespace (ip netns exec … node -r @swc-node/register …).
 * Each argument `<port>=<socket path>` opens a unix socket that forwards to 127.0.0.1:<port> in
 * the namespace. Unix sockets live in the file system, which both sides of the namespace share,
 * so the test process outside reaches the api and each Chromium's DevTools port through them.
 */
const routes = process.argv.slice(2).map((argument) => {
  const separator = argument.indexOf('=');
  return { port: Number(argument.slice(0, separator)), socketPath: argument.slice(separator + 1) };
});
let listening = 0;
for (const { port, socketPath } of routes) {
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
  });
  server.listen(socketPath, () => {
    if (++listening === routes.length) process.stdout.write('attune-e2e-forwarder-ready\n');
  });
}
process.on('SIGTERM', () => process.exit(0));
