import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../../support/api-client';
import { createTestSession, type TestSession } from '../../support/session-fixture';
import { testDatabaseUrl } from '../../support/test-app';
import { startApiInNamespace, viaUnixSocket, type ApiProcess } from './api-process';
import { launchMember, type MemberBrowser } from './member-browser';
import { connectFullMesh } from './mesh';
import { bridgeNamespacePorts, type NamespaceBridge } from './namespace-bridge';
import { createNetworkNamespace, type NetworkNamespace } from './network-namespace';
import { renderSpeechWav, type SpeechPattern } from './speech-wav';

/**
 * A real video call for the tests: a network namespace with only loopback, the api inside it
 * (against the run's test database), one Chromium per member playing that member's WAV as
 * microphone, the collector running in every page, and a full mesh of peer connections.
 */
export interface WebRtcCall {
  admin: ApiClient;
  session: TestSession;
  members: MemberBrowser[];
  /** Page errors and console errors of every member (tokens redacted). */
  problems: string[];
  /** When the last member's microphone started: each WAV plays from about then. */
  microphonesStartedAt: number;
  artifacts: string;
}

/** Releases what was started, last first; one failing release does not stop the others. */
export class Cleanups {
  private readonly steps: (() => Promise<void> | void)[] = [];
  private ran = false;

  /** After run() (a setup that outlived its hook's timeout), a new step runs at once. */
  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
    if (this.ran) void this.run();
  }

  async run(): Promise<void> {
    this.ran = true;
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup: ${(error as Error).message}\n`);
      }
    }
  }
}

const API_PORT = 3000;
const FIRST_DEBUGGING_PORT = 9301;

export async function startWebRtcCall(options: {
  repositoryRoot: string;
  /** One per member, in order. */
  speech: SpeechPattern[];
  /** Logs and WAVs go here (kept after the run; it is git-ignored). */
  artifacts: string;
  /** Filled as resources start, so that afterAll can release them even if this never returns. */
  cleanups: Cleanups;
}): Promise<WebRtcCall> {
  rmSync(options.artifacts, { recursive: true, force: true });
  mkdirSync(options.artifacts, { recursive: true });
  // Unix socket paths are limited to ~107 bytes: keep them (and the profiles) in a short temp dir.
  const scratch = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
  const { cleanups } = options;
  cleanups.add(() => rmSync(scratch, { recursive: true, force: true }));
  try {
    const namespace: NetworkNamespace = createNetworkNamespace();
    cleanups.add(() => namespace.remove());
    const debuggingPorts = options.speech.map((_, index) => FIRST_DEBUGGING_PORT + index);
    const bridge: NamespaceBridge = await bridgeNamespacePorts({
      namespace,
      ports: [API_PORT, ...debuggingPorts],
      repositoryRoot: options.repositoryRoot,
      workDirectory: scratch,
      logFile: join(options.artifacts, 'forwarder.log'),
    });
    cleanups.add(() => bridge.close());
    const api: ApiProcess = await startApiInNamespace({
      namespace,
      repositoryRoot: options.repositoryRoot,
      logFile: join(options.artifacts, 'api.log'),
      databaseUrl: viaUnixSocket(testDatabaseUrl()),
      port: API_PORT,
    });
    cleanups.add(() => api.stop());
    const admin = new ApiClient(bridge.urlOf(API_PORT), api.adminToken);
    const session = await createTestSession(admin, { memberCount: options.speech.length });

    const problems: string[] = [];
    const launched = await Promise.allSettled(
      options.speech.map((pattern, index) => {
        const wavPath = join(options.artifacts, `member-${index + 1}.wav`);
        writeFileSync(wavPath, renderSpeechWav(pattern, index + 1));
        return launchMember({
          name: `member-${index + 1}`,
          namespace,
          bridge,
          debuggingPort: debuggingPorts[index],
          wavPath,
          pageOrigin: api.pageOrigin,
          workDirectory: scratch,
          logDirectory: options.artifacts,
          problems,
        });
      }),
    );
    const members = launched.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    cleanups.add(() => Promise.all(members.map((member) => member.close())).then(() => undefined));
    const failed = launched.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;

    await Promise.all(
      members.map((member, index) =>
        member.call('start', {
          sessionId: session.sessionId,
          participantId: session.members[index].id,
          token: session.members[index].token,
        }),
      ),
    );
    const microphonesStartedAt = Date.now();
    await connectFullMesh(members);
    return { admin, session, members, problems, microphonesStartedAt, artifacts: options.artifacts };
  } catch (error) {
    await cleanups.run();
    throw error;
  }
}
