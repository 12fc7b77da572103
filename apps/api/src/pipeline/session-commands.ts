import type { SessionInput } from './analyzer';

/**
 * What the per-session graph consumes. `messages`: one accepted envelope of one participant;
 * `start`: rebuild the session now (a live session found at start-up) even before its next
 * message; `end`: the session ended.
 */
export type SessionCommand =
  | {
      kind: 'messages';
      sessionId: string;
      participantId: string;
      /** The envelope's seq; unknown for a few stored rows (see SessionEvent.seq). */
      seq: number | undefined;
      inputs: readonly SessionInput[];
    }
  | { kind: 'start'; sessionId: string }
  | { kind: 'end'; sessionId: string };

export type MessagesCommand = Extract<SessionCommand, { kind: 'messages' }>;

export function isEnd(command: SessionCommand): boolean {
  return command.kind === 'end';
}
