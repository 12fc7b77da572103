import { eventTimeOf, SessionAnalyzer, type SessionInput, type SessionReport, type SessionRole } from '@attune/metrics';
import type { ImportedSession } from '../ingest/importers/recording-types';

export interface AnalyzeSessionOptions {
  sessionId: string;
  /** Participant ids known to be the facilitator. */
  facilitators?: Iterable<string>;
}

/** How often (event time) the watermark is moved while feeding: what a live pipeline does each second. */
const ADVANCE_EVERY_MS = 1000;

/**
 * Runs imported recordings through one SessionAnalyzer exactly as the live pipeline would: every
 * participant's messages merged in event-time order, the watermark advancing as time passes,
 * then finish at the session's end. Nothing is late: the merge already orders everything.
 */
export function analyzeImportedSession(session: ImportedSession, options: AnalyzeSessionOptions): SessionReport {
  const facilitators = new Set(options.facilitators ?? []);
  const inputs: Array<{ at: number; input: SessionInput }> = [];
  for (const participant of session.participants) {
    const role: SessionRole =
      facilitators.has(participant.id) || sendsFacilitatorEvents(participant) ? 'facilitator' : 'member';
    for (const message of participant.messages) {
      inputs.push({ at: eventTimeOf(message), input: { participantId: participant.id, role, message } });
    }
  }
  // Stable: messages at the same instant keep their recorded order (a join before its first report).
  inputs.sort((a, b) => a.at - b.at);

  const analyzer = new SessionAnalyzer({ sessionId: options.sessionId });
  let advancedTo = -Infinity;
  for (const { at, input } of inputs) {
    analyzer.push(input);
    if (at - advancedTo >= ADVANCE_EVERY_MS) {
      // What became final is not kept: the report is built from session-long accumulators.
      analyzer.advanceTo(at);
      advancedTo = at;
    }
  }
  const lastAt = inputs.length > 0 ? inputs[inputs.length - 1].at : session.endedAt;
  return analyzer.finish(Math.max(session.endedAt, lastAt)).report;
}

/** Facilitator events come from the facilitator's own app: whoever sends them leads the group. */
function sendsFacilitatorEvents(participant: ImportedSession['participants'][number]): boolean {
  return participant.messages.some((message) => message.kind === 'facilitator-event');
}
