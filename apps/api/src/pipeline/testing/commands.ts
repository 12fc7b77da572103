import type { SessionCommand } from '../session-commands';

/** A one-report envelope of `participantId` with event time `at`. */
export function statsCommand(sessionId: string, participantId: string, at: number, seq = 0): SessionCommand {
  return {
    kind: 'messages',
    sessionId,
    participantId,
    seq,
    inputs: [
      {
        participantId,
        role: 'member',
        message: { kind: 'stats', timestamp: at, stats: [{ id: 'T01', type: 'transport', timestamp: at }] },
      },
    ],
  };
}

export const endCommand = (sessionId: string): SessionCommand => ({ kind: 'end', sessionId });
export const startCommand = (sessionId: string): SessionCommand => ({ kind: 'start', sessionId });
