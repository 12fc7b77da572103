import type { OperatorFunction } from 'rxjs';
import { statefulOperator } from '../common/stateful-operator';
import { EnergySpeakingEstimator } from '../energy/energy-speaking-estimator';
import { PseudoUtteranceBuilder } from '../energy/pseudo-utterances';
import { resolveSpeakingParameters, type SpeakingParameterOverrides } from '../parameters';
import type { LeaveEvent } from '../speaking-session-events';
import type { ParticipantEnergyInterval, SpeakingFractionEstimate, SpeechInput } from '../types';

/** Energy intervals of any number of members, and leaves (which flush that member's state). */
export type EnergySpeakingInput = ParticipantEnergyInterval | LeaveEvent;

function isLeave(input: EnergySpeakingInput): input is LeaveEvent {
  return 'kind' in input && input.kind === 'leave';
}

/**
 * Per-interval speaking fractions from `media-source` energy deltas, one estimator per member.
 * Each interval is reported when its successor arrives (one interval late), or at leave / end.
 */
export function speakingFractions(
  parameters: SpeakingParameterOverrides = {},
): OperatorFunction<EnergySpeakingInput, SpeakingFractionEstimate> {
  const resolved = resolveSpeakingParameters(parameters);
  return statefulOperator(
    () => new Map<string, EnergySpeakingEstimator>(),
    (estimators, input) => {
      const estimator = estimators.get(input.participantId);
      if (isLeave(input)) {
        estimators.delete(input.participantId);
        return estimator ? estimator.flush() : [];
      }
      if (estimator) return estimator.push(input);
      const created = new EnergySpeakingEstimator(input.participantId, resolved.energy);
      estimators.set(input.participantId, created);
      return created.push(input);
    },
    (estimators) => [...estimators.values()].flatMap((estimator) => estimator.flush()),
  );
}

interface MemberSpeech {
  estimator: EnergySpeakingEstimator;
  utterances: PseudoUtteranceBuilder;
}

/**
 * The energy fallback as speech input: pseudo-utterances (see PseudoUtteranceBuilder) and a
 * watermark per interval, ready for `turns()` or the speaking session analysis.
 */
export function speakingFromEnergy(
  parameters: SpeakingParameterOverrides = {},
): OperatorFunction<EnergySpeakingInput, SpeechInput> {
  const resolved = resolveSpeakingParameters(parameters);
  const memberSpeech = (participantId: string): MemberSpeech => ({
    estimator: new EnergySpeakingEstimator(participantId, resolved.energy),
    utterances: new PseudoUtteranceBuilder(participantId, resolved.maxPseudoUtteranceSeconds),
  });
  const flush = ({ estimator, utterances }: MemberSpeech): SpeechInput[] => [
    ...estimator.flush().flatMap((estimate) => utterances.push(estimate)),
    ...utterances.flush(),
  ];
  return statefulOperator(
    () => new Map<string, MemberSpeech>(),
    (members, input) => {
      let member = members.get(input.participantId);
      if (isLeave(input)) {
        members.delete(input.participantId);
        return member ? flush(member) : [];
      }
      if (!member) {
        member = memberSpeech(input.participantId);
        members.set(input.participantId, member);
      }
      const { utterances } = member;
      return member.estimator.push(input).flatMap((estimate) => utterances.push(estimate));
    },
    (members) => [...members.values()].flatMap(flush),
  );
}
