// The least any ingest of protocol v1 must do, and nothing of Attune: accept the WebSocket,
// parse each envelope's JSON, answer an ack with its seq. No token check, no validation, no
// delta resolution, no storage, no live pipeline. `BENCH_SERVER=bare npm run bench:ingest`
// runs the same load against it, to show what the machine and the load generator leave for
// everything a real server does. Prints one line, "listening <port>", when ready.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { INGEST_SUBPROTOCOL } from '@attune/protocol';

const server = createServer((_request, response) => response.writeHead(404).end());
const sockets = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => (offered.has(INGEST_SUBPROTOCOL) ? INGEST_SUBPROTOCOL : false),
});

server.on('upgrade', (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (webSocket) => {
    webSocket.on('message', (data: Buffer) => {
      const envelope = JSON.parse(data.toString('utf8')) as { seq: number; messages: unknown[] };
      webSocket.send(
        JSON.stringify({
          type: 'ack',
          seq: envelope.seq,
          status: 'accepted',
          accepted: envelope.messages.length,
          rejected: [],
        }),
      );
    });
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => process.exit(0));
