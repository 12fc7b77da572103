import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io for the app's gateways. The HTTP server's 'upgrade' event is shared with the plain
 * `ws` ingest server at /ingest; `destroyUpgrade: false` stops engine.io from closing upgrades
 * on paths that are not its own.
 */
export class LiveIoAdapter extends IoAdapter {
  constructor(app: INestApplicationContext) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, { ...options, destroyUpgrade: false }) as Server;
  }
}
