import { checkEnvelope, PROTOCOL_VERSION, type Message, type ValidationIssue } from '@attune/protocol';
import { withoutNetworkIdentity } from './network-identity';

/** A fixed header: the importers check messages exactly as ingest would, one message per envelope. */
const IMPORT_ENVELOPE_HEADER = {
  v: PROTOCOL_VERSION,
  sessionId: '00000000-0000-4000-8000-000000000000',
  participantId: '00000000-0000-4000-8000-000000000000',
  seq: 0,
  sentAt: 1,
} as const;

const MESSAGE_PATH = '/messages/0';
const STATS_OBJECT_PATH = /^\/messages\/0\/stats\/(\d+)(?:\/|$)/;

export interface ImportedMessageCheck {
  /** The message as the pipeline may receive it (network identity removed), or undefined when nothing was usable. */
  message?: Message;
  /** Why the message, or some of its stats objects, were dropped (one sentence; paths relative to the message). */
  problem?: string;
}

/** Enough to see what went wrong; a report of 100 broken objects need not list all 100. */
const ISSUES_QUOTED = 3;

/**
 * Runs the protocol validator on a message an importer built. A stats object the validator rejects
 * (a browser quirk the protocol does not accept) is dropped from its report rather than losing the
 * whole report; anything else wrong drops the message. Either way the reason is returned.
 */
export function validateImportedMessage(candidate: object): ImportedMessageCheck {
  const first = checkSingleMessage(candidate);
  if (first.message) return { message: withoutNetworkIdentityOf(first.message) };

  const rejectedObjects = statsObjectsNamedBy(first.issues);
  const statsObjects = 'stats' in candidate && Array.isArray(candidate.stats) ? (candidate.stats as unknown[]) : [];
  if (rejectedObjects === undefined || rejectedObjects.size === statsObjects.length) {
    return { problem: `message dropped: ${summary(first.issues)}` };
  }
  const kept = statsObjects.filter((_object, index) => !rejectedObjects.has(index));
  const second = checkSingleMessage({ ...candidate, stats: kept });
  if (!second.message) return { problem: `message dropped: ${summary([...first.issues, ...second.issues])}` };
  const dropped = `dropped ${rejectedObjects.size} of ${statsObjects.length} stats objects the protocol rejects`;
  return { message: withoutNetworkIdentityOf(second.message), problem: `${dropped}: ${summary(first.issues)}` };
}

function summary(issues: readonly ValidationIssue[]): string {
  const quoted = issues.slice(0, ISSUES_QUOTED).map(describeIssue).join('; ');
  return issues.length > ISSUES_QUOTED ? `${quoted}; and ${issues.length - ISSUES_QUOTED} more` : quoted;
}

function checkSingleMessage(candidate: object): { message?: Message; issues: ValidationIssue[] } {
  const check = checkEnvelope({ ...IMPORT_ENVELOPE_HEADER, messages: [candidate] });
  if (check.accepted.length === 1) return { message: check.accepted[0].message, issues: [] };
  return { issues: [...check.envelopeIssues, ...check.rejected.flatMap((rejected) => rejected.issues)] };
}

/** The indexes of the stats objects the issues point into, or undefined if any issue is about the message itself. */
function statsObjectsNamedBy(issues: readonly ValidationIssue[]): Set<number> | undefined {
  const indexes = new Set<number>();
  for (const issue of issues) {
    const match = STATS_OBJECT_PATH.exec(issue.path);
    if (!match) return undefined;
    indexes.add(Number(match[1]));
  }
  return indexes;
}

function describeIssue(issue: ValidationIssue): string {
  const path = issue.path.startsWith(MESSAGE_PATH) ? issue.path.slice(MESSAGE_PATH.length) || '/' : issue.path;
  return `${path}: ${issue.reason}`;
}

function withoutNetworkIdentityOf(message: Message): Message {
  return message.kind === 'stats' ? { ...message, stats: message.stats.map(withoutNetworkIdentity) } : message;
}
