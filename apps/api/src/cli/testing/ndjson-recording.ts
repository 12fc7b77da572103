import { eventTimeOf, type SessionInput } from '@attune/metrics';

const SESSION_ID = '5e551011-0000-4000-8000-000000000001';
const MESSAGES_PER_ENVELOPE = 50;

/**
 * One NDJSON recording per participant, as the simulator writes them: protocol envelopes (one per
 * line) with increasing seq, each participant's messages in event-time order.
 */
export function ndjsonRecordings(inputs: readonly SessionInput[]): Map<string, string> {
  const byParticipant = new Map<string, SessionInput['message'][]>();
  for (const { participantId, message } of inputs) {
    byParticipant.set(participantId, [...(byParticipant.get(participantId) ?? []), message]);
  }
  const files = new Map<string, string>();
  for (const [participantId, unordered] of byParticipant) {
    const messages = [...unordered].sort((a, b) => eventTimeOf(a) - eventTimeOf(b));
    const lines: string[] = [];
    for (let start = 0, seq = 0; start < messages.length; start += MESSAGES_PER_ENVELOPE, seq++) {
      const chunk = messages.slice(start, start + MESSAGES_PER_ENVELOPE);
      const sentAt = Math.max(...chunk.map(eventTimeOf));
      lines.push(JSON.stringify({ v: 1, sessionId: SESSION_ID, participantId, seq, sentAt, messages: chunk }));
    }
    files.set(participantId, `${lines.join('\n')}\n`);
  }
  return files;
}
