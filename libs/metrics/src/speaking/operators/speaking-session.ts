import type { OperatorFunction } from 'rxjs';
import { statefulOperator } from '../common/stateful-operator';
import type { SpeakingParameterOverrides } from '../parameters';
import { SpeakingSessionAnalyzer } from '../speaking-session-analyzer';
import type { SpeakingSessionInput, SpeakingSessionOutput } from '../speaking-session-events';

/**
 * The live speaking analysis of one session: speech, presence and clock ticks in (event time);
 * closed turns, turn-taking relations and, on every tick, a snapshot out.
 */
export function speakingSession(
  parameters: SpeakingParameterOverrides = {},
): OperatorFunction<SpeakingSessionInput, SpeakingSessionOutput> {
  return statefulOperator(
    () => new SpeakingSessionAnalyzer(parameters),
    (analyzer, input) => analyzer.apply(input),
  );
}
