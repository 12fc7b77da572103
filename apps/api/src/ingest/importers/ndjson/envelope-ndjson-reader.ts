import { checkEnvelopeJson, type CheckEnvelopeOptions, type ValidationIssue } from '@attune/protocol';
import type { ImportedParticipant } from '../recording-types';
import { fileNameWithoutExtension } from '../shared/file-names';
import { ProblemLog } from '../shared/import-problems';
import { withoutNetworkIdentity } from '../shared/network-identity';
import { ParticipantMessages } from '../shared/participant-messages';
import { withoutByteOrderMark } from '../shared/text-lines';

/**
 * Reads NDJSON of protocol envelopes (one per line, as the simulator writes them) line by line.
 * Each envelope is checked as ingest checks it: valid messages are kept, a rejected envelope or
 * message becomes a problem on its line. The envelopes already carry join and leave, so nothing is
 * added. A resent envelope (same seq) is stored once, as the server would.
 */
export class EnvelopeNdjsonReader {
  private readonly problems: ProblemLog;
  private readonly messages = new ParticipantMessages();
  private readonly seenSeqs = new Set<number>();
  private participantId?: string;

  constructor(
    private readonly fileName: string,
    private readonly checkOptions: CheckEnvelopeOptions = {},
  ) {
    this.problems = new ProblemLog(fileName);
  }

  readLine(text: string, lineNumber: number): void {
    const line = lineNumber === 1 ? withoutByteOrderMark(text) : text;
    if (line.trim() === '') return;
    const check = checkEnvelopeJson(line, this.checkOptions);
    if (!check.ok || !check.header) {
      return this.problems.add(lineNumber, `envelope rejected: ${describeIssues(check.envelopeIssues)}`);
    }
    const { participantId, seq } = check.header;
    this.participantId ??= participantId;
    if (participantId !== this.participantId) {
      return this.problems.add(lineNumber, 'envelope of another participant; a recording holds one participant');
    }
    if (this.seenSeqs.has(seq)) return;
    this.seenSeqs.add(seq);
    for (const rejected of check.rejected) {
      this.problems.add(lineNumber, `message ${rejected.index} rejected: ${describeIssues(rejected.issues)}`);
    }
    for (const { message } of check.accepted) {
      this.messages.add(
        message.kind === 'stats' ? { ...message, stats: message.stats.map(withoutNetworkIdentity) } : message,
      );
    }
  }

  finish(): ImportedParticipant {
    return {
      id: this.participantId ?? fileNameWithoutExtension(this.fileName),
      sourceFile: this.fileName,
      format: 'ndjson',
      messages: this.messages.finish(),
      problems: this.problems.list(),
    };
  }
}

function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => (issue.path === '' ? issue.reason : `${issue.path}: ${issue.reason}`)).join('; ');
}
