import type { Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { PROTOCOL_LIMITS, PROTOCOL_VERSION } from '../limits';
import { EnvelopeShellSchema, type EnvelopeHeader } from '../schema/envelope';
import { DEFAULT_FACILITATOR_CODES } from '../schema/facilitator-event';
import type { Message } from '../schema/messages';
import type { RejectedMessage, ValidationIssue } from '../transport';
import type { ResolvedStatsDelta } from '../delta/stats-delta';
import { StatsDeltaMessageSchema, type StatsDeltaMessage } from '../delta/stats-delta.schema';
import { explain } from './explain';
import { explainInvalidMessage, isMessageShapeValid } from './message-checker';
import { semanticIssues, type MessagePolicy } from './semantic-rules';

export interface CheckEnvelopeOptions {
  /** The server's cap on messages per envelope; cannot exceed PROTOCOL_LIMITS.maxMessagesPerEnvelope. */
  maxMessages?: number;
  /** Facilitator codes this server accepts. Pass a Set when the list is long. */
  facilitatorCodes?: ReadonlySet<string> | readonly string[];
  /** Facilitator notes are free text, off by default (PRODUCT.md): a note is rejected unless enabled. */
  allowFacilitatorNotes?: boolean;
  /**
   * Resolves a delta-compressed stats message against the sender's acknowledged baselines (the
   * server's memory). Without it, delta messages are rejected. `path` is the message's path.
   */
  resolveStatsDelta?: (delta: StatsDeltaMessage, path: string) => ResolvedStatsDelta;
}

export interface EnvelopeCheck {
  /** True when the envelope header is valid (messages may still be rejected individually). */
  ok: boolean;
  /** {v, sessionId, participantId, seq, sentAt} when ok. */
  header?: EnvelopeHeader;
  /** The seq whenever one could be read, even from a rejected envelope, so it can be acknowledged. */
  seq?: number;
  /** Problems with the envelope itself; when present, nothing is accepted. */
  envelopeIssues: ValidationIssue[];
  /** The input's own message objects (not copies), in envelope order. */
  accepted: { index: number; message: Message }[];
  rejected: RejectedMessage[];
}

// Compiled once at load: the hot path. Messages are checked one by one (isMessageShapeValid).
const envelopeShellChecker = TypeCompiler.Compile(EnvelopeShellSchema);
const statsDeltaChecker = TypeCompiler.Compile(StatsDeltaMessageSchema);

/**
 * Validates one envelope. Each message stands on its own: an invalid one is rejected with
 * path and reason while its valid siblings are accepted. Compiled checks run first; errors
 * are only computed for what failed them.
 */
export function checkEnvelope(input: unknown, options: CheckEnvelopeOptions = {}): EnvelopeCheck {
  const requested = options.maxMessages ?? Infinity;
  // NaN or a negative cap is a configuration slip; the protocol limit is the safe reading.
  const maxMessages =
    requested >= 0
      ? Math.min(requested, PROTOCOL_LIMITS.maxMessagesPerEnvelope)
      : PROTOCOL_LIMITS.maxMessagesPerEnvelope;
  const policy: MessagePolicy = {
    facilitatorCodes: options.facilitatorCodes ?? DEFAULT_FACILITATOR_CODES,
    allowFacilitatorNotes: options.allowFacilitatorNotes ?? false,
  };
  if (!envelopeShellChecker.Check(input)) return rejectEnvelope(input, explainEnvelope(input));
  return checkMessages(input, maxMessages, policy, options.resolveStatsDelta);
}

function checkMessages(
  envelope: Static<typeof EnvelopeShellSchema>,
  maxMessages: number,
  policy: MessagePolicy,
  resolveStatsDelta: CheckEnvelopeOptions['resolveStatsDelta'],
): EnvelopeCheck {
  const { messages } = envelope;
  if (messages.length > maxMessages) {
    return rejectEnvelope(envelope, [
      {
        path: '/messages',
        reason: `too many messages: ${messages.length} (this server accepts at most ${maxMessages} per envelope)`,
      },
    ]);
  }
  const accepted: EnvelopeCheck['accepted'] = [];
  const rejected: RejectedMessage[] = [];
  for (let index = 0; index < messages.length; index++) {
    const path = `/messages/${index}`;
    let message = messages[index];
    if (isStatsDelta(message)) {
      const resolved = resolveDelta(message, path, resolveStatsDelta);
      if (!resolved.ok) {
        rejected.push({ index, issues: resolved.issues });
        continue;
      }
      message = resolved.message;
    }
    if (!isMessageShapeValid(message)) {
      rejected.push({ index, issues: explainInvalidMessage(message, path) });
      continue;
    }
    const issues = semanticIssues(message, path, policy);
    if (issues) rejected.push({ index, issues });
    else accepted.push({ index, message });
  }
  const { v, sessionId, participantId, seq, sentAt } = envelope;
  return {
    ok: true,
    header: { v, sessionId, participantId, seq, sentAt },
    seq,
    envelopeIssues: [],
    accepted,
    rejected,
  };
}

function isStatsDelta(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    'deltaOf' in message &&
    'kind' in message &&
    message.kind === 'stats'
  );
}

/** The full stats message a delta stands for; its objects are then checked like any report's. */
function resolveDelta(
  delta: unknown,
  path: string,
  resolveStatsDelta: CheckEnvelopeOptions['resolveStatsDelta'],
): { ok: true; message: unknown } | { ok: false; issues: ValidationIssue[] } {
  if (!statsDeltaChecker.Check(delta)) {
    return { ok: false, issues: explain(StatsDeltaMessageSchema, delta, path, PROTOCOL_LIMITS.maxIssuesPerMessage) };
  }
  if (!resolveStatsDelta) {
    return {
      ok: false,
      issues: [
        { path: `${path}/deltaOf`, reason: 'delta-compressed stats are not accepted here; send the full report' },
      ],
    };
  }
  const resolved = resolveStatsDelta(delta, path);
  if (!resolved.ok) return resolved;
  const { kind, timestamp, peerConnectionId } = delta;
  const message =
    peerConnectionId === undefined
      ? { kind, timestamp, stats: resolved.stats }
      : { kind, timestamp, peerConnectionId, stats: resolved.stats };
  return { ok: true, message };
}

function explainEnvelope(input: unknown): ValidationIssue[] {
  const version = readProperty(input, 'v');
  return explain(EnvelopeShellSchema, input, '').map((issue) =>
    issue.path === '/v' && typeof version === 'number'
      ? { path: '/v', reason: `unsupported protocol version ${version} (this server speaks v${PROTOCOL_VERSION})` }
      : issue,
  );
}

function rejectEnvelope(input: unknown, envelopeIssues: ValidationIssue[]): EnvelopeCheck {
  const seq = readProperty(input, 'seq');
  const readableSeq = typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
  return { ok: false, seq: readableSeq, envelopeIssues, accepted: [], rejected: [] };
}

function readProperty(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}
