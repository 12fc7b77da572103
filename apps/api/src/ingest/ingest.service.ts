import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  checkEnvelope,
  CheckEnvelopeOptions,
  DEFAULT_FACILITATOR_CODES,
  EnvelopeCheck,
  EnvelopeHeader,
  FacilitatorEventMessage,
  IngestAck,
  PROTOCOL_VERSION,
  Message,
  ValidationIssue,
  withoutSensitiveFields,
} from '@attune/protocol';
import { ParticipantPrincipal } from '../auth/principal';
import { DomainError, ErrorDetail, forbidden } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { IngestWriter } from '../storage/ingest-writer';
import { IngestAdmission } from './ingest-admission';
import { IngestBus, type MessageSource } from './ingest-bus';
import { MessagePolicy } from './message-policy';
import { deltaBaselinesOf } from './stats-baselines';
import { toStorageRows } from './message-rows';
import { IngestParticipant, PARTICIPANT_SOURCE, ParticipantRegistry, ParticipantSource } from './participant-registry';
import { TokenBucket } from './token-bucket';

/** A participant not heard from for this long is dropped from ingest's memory. */
const IDLE_PARTICIPANT_MS = 60 * 60 * 1000;
const EVICTION_INTERVAL_MS = 10 * 60 * 1000;
/** What an HTTP client is told to wait while the database works off a backlog. */
const BACKLOG_RETRY_AFTER_MS = 2_000;

export interface IngestBatchResult {
  /** Messages stored across the batch. */
  acceptedMessages: number;
  rejectedMessages: number;
  duplicateEnvelopes: number;
  /** One ack per envelope, in the order they were sent. */
  results: IngestAck[];
}

/**
 * Turns envelopes into stored rows and pipeline input. Every message is judged on its own:
 * one bad message is answered with its path and reason while its valid siblings are kept.
 * An envelope is acknowledged once its rows are queued for the batched writer, which flushes
 * within a quarter second and on every clean shutdown.
 */
@Injectable()
export class IngestService implements OnModuleInit, BeforeApplicationShutdown {
  private closing = false;
  private evictionTimer: NodeJS.Timeout | undefined;
  private readonly httpBuckets = new Map<string, TokenBucket>();
  private readonly checkOptions: CheckEnvelopeOptions;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PARTICIPANT_SOURCE) private readonly participantSource: ParticipantSource,
    private readonly registry: ParticipantRegistry,
    private readonly policy: MessagePolicy,
    private readonly writer: IngestWriter,
    private readonly bus: IngestBus,
    private readonly admission: IngestAdmission,
  ) {
    this.checkOptions = {
      maxMessages: config.ingest.maxMessagesPerEnvelope,
      facilitatorCodes: new Set([...DEFAULT_FACILITATOR_CODES, ...config.extraFacilitatorCodes]),
      allowFacilitatorNotes: config.allowFacilitatorNotes,
    };
  }

  async ingestEnvelope(principal: ParticipantPrincipal, input: unknown, receivedAt = Date.now()): Promise<IngestAck> {
    // Not a rejection: a rejected envelope is never sent again, and this one must be.
    if (this.closing) throw shuttingDown();
    // Looked up first: delta-compressed stats resolve against what this participant sent before.
    // The token names the participant, so a forged header cannot reach another one's baselines.
    const participant = await this.registry.get(principal.participantId);
    if (participant) await this.loadMissingBaselines(participant, input);
    const check = checkEnvelope(input, participant ? this.checkOptionsFor(participant) : this.checkOptions);
    if (!check.ok || !check.header) return rejectEnvelope(check.seq, check.envelopeIssues);
    const header = check.header;

    const scopeIssue = scopeProblem(principal, header);
    if (scopeIssue) return rejectEnvelope(header.seq, [scopeIssue]);
    if (this.closing) throw shuttingDown(); // it may have begun while the participant loaded
    const refusal = this.refusal(participant);
    if (refusal || !participant) return rejectEnvelope(header.seq, [refusal ?? NO_PARTICIPANT]);
    participant.lastSeenAt = receivedAt;
    return this.acceptOnce(participant, header, check, receivedAt);
  }

  /**
   * Each seq is stored once. A copy that arrives while the first is still being accepted (a
   * collector resending by HTTP while its socket reconnects) waits for it, so neither is stored
   * twice nor answered before anyone knows what was stored.
   */
  private async acceptOnce(
    participant: IngestParticipant,
    header: EnvelopeHeader,
    check: EnvelopeCheck,
    receivedAt: number,
  ): Promise<IngestAck> {
    const seq = header.seq;
    if (participant.seqs.has(seq)) return participant.resendAnswers.answer(seq);
    const first = participant.accepting.get(seq);
    if (first) {
      await first;
      return participant.resendAnswers.answer(seq);
    }
    const accepting = this.accept(participant, header, check, receivedAt);
    participant.accepting.set(seq, accepting);
    try {
      const ack = await accepting;
      participant.seqs.add(seq);
      participant.resendAnswers.remember(ack);
      return ack;
    } finally {
      participant.accepting.delete(seq);
    }
  }

  /**
   * A facilitator's one-tap observation from the live view, judged and stored like a device's
   * message. It belongs to no device's seq stream (the live view is not a collector), so it
   * is stored without a seq and can never collide with the facilitator's own collector.
   */
  async ingestObservation(
    principal: ParticipantPrincipal,
    message: FacilitatorEventMessage,
    receivedAt = Date.now(),
  ): Promise<IngestAck> {
    const { sessionId, participantId } = principal;
    const input = { v: PROTOCOL_VERSION, sessionId, participantId, seq: 0, sentAt: receivedAt, messages: [message] };
    const check = checkEnvelope(input, this.checkOptions);
    const participant = await this.registry.get(participantId);
    const refusal = this.refusal(participant);
    if (refusal || !participant) return rejectEnvelope(undefined, [refusal ?? NO_PARTICIPANT]);
    return this.accept(participant, { sessionId, participantId, seq: undefined }, check, receivedAt);
  }

  /** HTTP batches: the same per-envelope handling, with paths from the body's root. */
  async ingestBatch(principal: ParticipantPrincipal, sessionId: string, body: unknown): Promise<IngestBatchResult> {
    if (sessionId !== principal.sessionId) throw forbidden('The participant token is for another session');
    if (this.closing) throw shuttingDown();
    const envelopes = envelopesOf(body);
    if (envelopes.length > this.config.ingest.maxEnvelopesPerBatch) {
      throw new DomainError(
        'payload-too-large',
        `The batch has ${envelopes.length} envelopes; the limit is ${this.config.ingest.maxEnvelopesPerBatch}`,
      );
    }
    if (this.admission.waitForRoom()) {
      throw new DomainError(
        'unavailable',
        `Attune is writing a backlog to its database; nothing of this batch was stored; resend after ${BACKLOG_RETRY_AFTER_MS} ms`,
        [],
        { retryAfterMs: BACKLOG_RETRY_AFTER_MS },
      );
    }
    const allowed = this.httpBucket(principal.participantId).take(envelopes.length);
    if (!allowed.ok) {
      throw new DomainError(
        'rate-limited',
        `More than ${this.config.ingest.rateLimitPerSecond} envelopes/s for this participant; retry after ${allowed.retryAfterMs} ms`,
        [],
        { retryAfterMs: allowed.retryAfterMs },
      );
    }

    const results: IngestAck[] = [];
    for (const envelope of envelopes) results.push(await this.ingestEnvelope(principal, envelope));
    const result: IngestBatchResult = {
      acceptedMessages: sum(results.map((ack) => ack.accepted)),
      rejectedMessages: sum(results.map((ack) => ack.rejected.length)),
      duplicateEnvelopes: results.filter((ack) => ack.status === 'duplicate').length,
      results,
    };
    const details = batchIssues(results);
    if (details.length > 0) {
      throw new DomainError(
        'invalid-input',
        `${details.length} problem(s) in the batch; ${result.acceptedMessages} valid message(s) were stored`,
        details,
        { ...result },
      );
    }
    return result;
  }

  /** Memory follows the participants sending now: the quiet ones are reloaded if they return. */
  onModuleInit(): void {
    this.evictionTimer = setInterval(() => {
      this.registry.evictIdle(Date.now(), IDLE_PARTICIPANT_MS);
      this.httpBuckets.clear(); // a reset only forgives a few tokens; it keeps the map bounded
    }, EVICTION_INTERVAL_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.evictionTimer);
    this.closing = true;
    await this.writer.flush();
  }

  /** Rules beyond the schema: consent, who may log facilitator events, the code taxonomy. */
  private async judge(participant: IngestParticipant, message: Message, index: number): Promise<ValidationIssue[]> {
    const issues = this.policy.check(participant, message, index);
    if (issues.length > 0) return issues;
    const consent = this.policy.consentChange(message);
    if (consent) {
      await this.participantSource.recordConsent(participant.participantId, consent);
      if (consent.storage !== undefined) participant.consentStorage = consent.storage;
      return [];
    }
    // Facilitators log and take part as staff of the organisation; members must opt in.
    if (!participant.consentStorage && participant.role !== 'facilitator') {
      return [
        {
          path: `/messages/${index}`,
          reason: 'not stored: the participant has not consented to storage (send a consent client-event first)',
        },
      ];
    }
    return [];
  }

  /** Why nothing of this participant can be stored now, if so. */
  private refusal(participant: IngestParticipant | undefined): ValidationIssue | undefined {
    if (this.closing) return { path: '', reason: 'the server is shutting down; resend shortly' };
    if (!participant) return NO_PARTICIPANT;
    if (participant.sessionEnded) {
      return { path: '/sessionId', reason: 'the session has ended; no more data is accepted' };
    }
    return undefined;
  }

  /** Judges each schema-valid message on its own, then stores and publishes the ones that pass. */
  private async accept(
    participant: IngestParticipant,
    source: MessageSource,
    check: EnvelopeCheck,
    receivedAt: number,
  ): Promise<IngestAck> {
    const rejected = [...check.rejected];
    const stored: Message[] = [];
    const storedIndexes: number[] = [];
    for (const { index, message } of check.accepted) {
      const issues = await this.judge(participant, message, index);
      if (issues.length > 0) {
        rejected.push({ index, issues });
      } else {
        stored.push(withoutNetworkIdentity(message));
        storedIndexes.push(index);
      }
    }
    if (stored.length > 0) {
      // Throws when the writer refuses (shutdown, backpressure): the envelope is then not
      // acknowledged and not remembered, so the collector's resend is stored.
      this.writer.enqueueEnvelope(toStorageRows(source, stored, storedIndexes, receivedAt));
      this.bus.publish({ header: source, messages: stored, receivedAt });
      if (source.seq !== undefined) rememberBaselines(participant, source.seq, stored);
    } else if (source.seq !== undefined) {
      // Nothing to compute from, but the seq is settled (the collector does not send it again):
      // the live pipeline, which applies each participant's envelopes in seq order, need not wait for it.
      this.bus.publish({ header: source, messages: [], receivedAt });
    }
    rejected.sort((a, b) => a.index - b.index);
    return {
      seq: source.seq ?? null,
      status: rejected.length === 0 ? 'accepted' : stored.length === 0 ? 'rejected' : 'partial',
      accepted: stored.length,
      rejected,
    };
  }

  private checkOptionsFor(participant: IngestParticipant): CheckEnvelopeOptions {
    return {
      ...this.checkOptions,
      resolveStatsDelta: (delta, path) => participant.statsBaselines.resolve(delta, path),
    };
  }

  /** After a restart the baselines are only in the database; normally this finds them all in memory. */
  private async loadMissingBaselines(participant: IngestParticipant, input: unknown): Promise<void> {
    for (const { peerConnectionId, seq } of deltaBaselinesOf(input)) {
      if (participant.statsBaselines.has(peerConnectionId, seq)) continue;
      const stats = await this.participantSource.loadStatsReport(participant, peerConnectionId, seq);
      if (stats) participant.statsBaselines.remember(peerConnectionId, seq, stats);
    }
  }

  private httpBucket(participantId: string): TokenBucket {
    let bucket = this.httpBuckets.get(participantId);
    if (!bucket) {
      bucket = new TokenBucket(this.config.ingest.rateLimitPerSecond, this.config.ingest.rateLimitBurst);
      this.httpBuckets.set(participantId, bucket);
    }
    return bucket;
  }
}

const NO_PARTICIPANT: ValidationIssue = { path: '/participantId', reason: 'this participant no longer exists' };
/** How long a client is told to wait for a restarting server. */
const SHUTDOWN_RETRY_AFTER_MS = 5_000;

/**
 * A server shutting down takes nothing more, and says to send it again (to this instance once
 * it is back, or another): HTTP 503 with retryAfterMs, or an error frame on the socket. Envelopes
 * of a batch stored before it started are answered `duplicate` when they come again.
 */
export function shuttingDown(): DomainError {
  return new DomainError(
    'unavailable',
    `The server is shutting down; resend after ${SHUTDOWN_RETRY_AFTER_MS} ms (anything already stored is acknowledged as a duplicate)`,
    [],
    { retryAfterMs: SHUTDOWN_RETRY_AFTER_MS },
  );
}

function scopeProblem(principal: ParticipantPrincipal, header: EnvelopeHeader): ValidationIssue | undefined {
  if (header.sessionId !== principal.sessionId) {
    return { path: '/sessionId', reason: 'the participant token is for another session' };
  }
  if (header.participantId !== principal.participantId) {
    return { path: '/participantId', reason: 'the participant token is for another participant' };
  }
  return undefined;
}

function rejectEnvelope(seq: number | undefined, envelopeIssues: ValidationIssue[]): IngestAck {
  return { seq: seq ?? null, status: 'rejected', accepted: 0, rejected: [], envelopeIssues };
}

/** Stored reports become the baselines later delta-compressed reports of the same peer connection refer to. */
function rememberBaselines(participant: IngestParticipant, seq: number, stored: readonly Message[]): void {
  for (const message of stored) {
    if (message.kind === 'stats') participant.statsBaselines.remember(message.peerConnectionId, seq, message.stats);
  }
}

/** Candidate stats carry IP addresses and ports; the metrics never need them, so they are never stored. */
function withoutNetworkIdentity(message: Message): Message {
  if (message.kind !== 'stats') return message;
  return { ...message, stats: message.stats.map(withoutSensitiveFields) };
}

function envelopesOf(body: unknown): unknown[] {
  const envelopes = typeof body === 'object' && body !== null ? (body as { envelopes?: unknown }).envelopes : undefined;
  if (!Array.isArray(envelopes)) {
    throw new DomainError('invalid-input', 'The body must be {"envelopes": [...]}', [
      { path: '/envelopes', reason: 'expected an array of envelopes' },
    ]);
  }
  return envelopes;
}

/** Every problem of the batch, its path from the body's root. */
function batchIssues(results: IngestAck[]): ErrorDetail[] {
  return results.flatMap((ack, envelopeIndex) => {
    const prefix = `/envelopes/${envelopeIndex}`;
    return [
      ...(ack.envelopeIssues ?? []).map((issue) => ({ path: prefix + issue.path, reason: issue.reason })),
      ...ack.rejected.flatMap((message) =>
        message.issues.map((issue) => ({ path: prefix + issue.path, reason: issue.reason })),
      ),
    ];
  });
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
