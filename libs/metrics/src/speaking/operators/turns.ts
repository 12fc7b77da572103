import type { OperatorFunction } from 'rxjs';
import { statefulOperator } from '../common/stateful-operator';
import { resolveSpeakingParameters, type SpeakingParameterOverrides } from '../parameters';
import { TurnTracker } from '../turns/turn-tracker';
import type { SpeechInput, TurnUpdate } from '../types';

/**
 * Utterances (device or pseudo) and watermarks in, turn updates out: `open` as a turn grows,
 * `closed` once it is over. Open turns are closed when the source completes.
 */
export function turns(parameters: SpeakingParameterOverrides = {}): OperatorFunction<SpeechInput, TurnUpdate> {
  const resolved = resolveSpeakingParameters(parameters);
  return statefulOperator(
    () => new TurnTracker(resolved),
    (tracker, input) => tracker.push(input),
    (tracker) => tracker.flush(),
  );
}
