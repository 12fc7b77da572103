import { statsLongString, statsNumber, statsObject, statsReference, statsShortString } from './base';

/** The member's own microphone or camera, before encoding: the fallback speaking-energy source. */
export const MediaSourceStatsSchema = statsObject('media-source', {
  trackIdentifier: statsReference(),
  kind: statsShortString(),
  // audio
  audioLevel: statsNumber(),
  totalAudioEnergy: statsNumber(),
  totalSamplesDuration: statsNumber(),
  echoReturnLoss: statsNumber(),
  echoReturnLossEnhancement: statsNumber(),
  // video
  width: statsNumber(),
  height: statsNumber(),
  frames: statsNumber(),
  framesPerSecond: statsNumber(),
});

/** Audio playout device (Chrome 111+): synthesized samples are concealment seen at the speaker. */
export const MediaPlayoutStatsSchema = statsObject('media-playout', {
  kind: statsShortString(),
  synthesizedSamplesDuration: statsNumber(),
  synthesizedSamplesEvents: statsNumber(),
  totalSamplesDuration: statsNumber(),
  totalPlayoutDelay: statsNumber(),
  totalSamplesCount: statsNumber(),
});

export const CodecStatsSchema = statsObject('codec', {
  transportId: statsReference(),
  payloadType: statsNumber(),
  mimeType: statsShortString(),
  clockRate: statsNumber(),
  channels: statsNumber(),
  sdpFmtpLine: statsLongString(),
});
