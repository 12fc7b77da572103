import type { OperatorFunction } from 'rxjs';
import { statefulOperator } from '../../speaking/common/stateful-operator';
import { DistractionTracker } from '../distraction-tracker';
import type { DistractionParameters } from '../parameters';
import type { DistractionInput, DistractionUpdate } from '../types';

interface OperatorState {
  tracker: DistractionTracker;
  lastAt: number | undefined;
  ended: boolean;
}

/**
 * Live distraction episodes: client, facilitator and stats events in (event time); `opened`
 * when an episode starts, `closed` with the whole episode when it ends. If the source completes
 * without a session end, what is still open closes at the last event's time.
 */
export function distractionEpisodes(
  parameters: Partial<DistractionParameters> = {},
): OperatorFunction<DistractionInput, DistractionUpdate> {
  return statefulOperator(
    (): OperatorState => ({ tracker: new DistractionTracker(parameters), lastAt: undefined, ended: false }),
    (state, input) => {
      state.lastAt = Math.max(state.lastAt ?? -Infinity, input.at);
      state.ended ||= input.type === 'session-end';
      return state.tracker.apply(input);
    },
    (state) =>
      state.ended || state.lastAt === undefined ? [] : state.tracker.apply({ type: 'session-end', at: state.lastAt }),
  );
}
