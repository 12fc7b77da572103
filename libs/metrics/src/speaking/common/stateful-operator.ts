import { Observable, type OperatorFunction } from 'rxjs';

/**
 * An operator around a state machine: `createState` runs once per subscription (so one source
 * can be analysed twice independently), `next` maps each input to zero or more outputs, and
 * `complete` flushes what is still open when the source ends. Errors pass through.
 *
 * Time is whatever the inputs carry (event time); the operator never reads a scheduler's clock,
 * which is why replaying a recorded session gives the same results as the live run.
 */
export function statefulOperator<Input, Output, State>(
  createState: () => State,
  next: (state: State, input: Input) => Iterable<Output>,
  complete?: (state: State) => Iterable<Output>,
): OperatorFunction<Input, Output> {
  return (source) =>
    new Observable<Output>((subscriber) => {
      const state = createState();
      return source.subscribe({
        next: (input) => {
          for (const output of next(state, input)) subscriber.next(output);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (complete) for (const output of complete(state)) subscriber.next(output);
          subscriber.complete();
        },
      });
    });
}
