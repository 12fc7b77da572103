import { checkEnvelope, PROTOCOL_LIMITS, type Message, type RejectedMessage } from '@attune/protocol';

/**
 * Wraps imported messages in envelopes, as a replay into ingest would, and returns what the
 * protocol validator rejects (nothing, when the importer did its job).
 */
export function rejectedByIngest(messages: readonly Message[]): RejectedMessage[] {
  const rejected: RejectedMessage[] = [];
  for (let start = 0; start < messages.length; start += PROTOCOL_LIMITS.maxMessagesPerEnvelope) {
    const check = checkEnvelope({
      v: 1,
      sessionId: '3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f8a9b0c',
      participantId: 'b7e4c2a1-3d5f-4a6b-8c9d-0e1f2a3b4c5d',
      seq: start,
      sentAt: Date.now(),
      messages: messages.slice(start, start + PROTOCOL_LIMITS.maxMessagesPerEnvelope),
    });
    if (!check.ok) throw new Error(`envelope rejected: ${JSON.stringify(check.envelopeIssues)}`);
    rejected.push(...check.rejected.map((one) => ({ ...one, index: one.index + start })));
  }
  return rejected;
}
