import type { IngestAck } from '../transport';
import type { EnvelopeCheck } from './check-envelope';

/**
 * The ack for a checked envelope that was not a duplicate: `accepted` when nothing was
 * rejected, `rejected` when nothing was accepted (an invalid envelope, or every message
 * invalid), `partial` otherwise. Duplicates are the ingest service's call (it remembers seqs):
 * it answers `{ seq, status: 'duplicate', accepted: 0, rejected: [] }` without calling this.
 */
export function toIngestAck(check: EnvelopeCheck): IngestAck {
  const seq = check.seq ?? null;
  if (!check.ok) {
    return { seq, status: 'rejected', accepted: 0, rejected: [], envelopeIssues: check.envelopeIssues };
  }
  const accepted = check.accepted.length;
  const status = check.rejected.length === 0 ? 'accepted' : accepted === 0 ? 'rejected' : 'partial';
  return { seq, status, accepted, rejected: check.rejected };
}
