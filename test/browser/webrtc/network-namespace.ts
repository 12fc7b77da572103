import { execFileSync } from 'node:child_process';

/**
 * A Linux network namespace with nothing but `lo`, so the members' WebRTC traffic, their
 * collectors' reports and the api all meet on loopback and nothing leaves the machine. Creating
 * one needs root (CI runs as root); without it the test fails with a message, never skips.
 */
const PREFIX = 'attune-e2e-';

export interface NetworkNamespace {
  name: string;
  /** Runs a command inside the namespace: `ip netns exec <name> …`. */
  command(executable: string, args: string[]): { executable: string; args: string[] };
  remove(): void;
}

export function createNetworkNamespace(): NetworkNamespace {
  removeStaleNamespaces();
  const name = `${PREFIX}${process.pid}`;
  try {
    ip(['netns', 'add', name]);
    ip(['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  } catch (error) {
    removeQuietly(name);
    throw new Error(
      `This test runs Chromium and the api in a network namespace (ip netns add ${name}), which needs root ` +
        `and iproute2: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    name,
    command: (executable, args) => ({ executable: 'ip', args: ['netns', 'exec', name, executable, ...args] }),
    remove: () => removeQuietly(name),
  };
}

/** A run that was killed leaves its namespace behind: remove those whose process is gone. */
function removeStaleNamespaces(): void {
  let listing = '';
  try {
    listing = ip(['netns', 'list']);
  } catch {
    return; // no netns support: the add below fails with the clear message
  }
  for (const line of listing.split('\n')) {
    const name = line.split(' ')[0];
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && !isAlive(pid)) removeQuietly(name);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(name: string): void {
  try {
    ip(['netns', 'del', name]);
  } catch (error) {
    process.stderr.write(`could not remove network namespace ${name}: ${(error as Error).message}\n`);
  }
}

function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
