import type { LevelMeterFactory } from '../core/platform';
import { VAD_DEFAULTS } from '../vad/voice-activity-detector';

/*
 * Microphone level in 50 ms frames (dBFS of the frame's RMS), computed by Web Audio inside the
 * page: no sample ever leaves the AudioContext. An AudioWorklet (from a Blob URL, so the
 * collector stays one file) does the work on the audio thread; where worklets are unavailable an
 * AnalyserNode is read by a timer instead.
 */

const WORKLET_SOURCE = `
class AttuneLevel extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.frameSamples = Math.round(sampleRate * options.processorOptions.frameMs / 1000);
    this.sum = 0;
    this.count = 0;
    this.frameStart = currentTime;
  }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    const length = channel ? channel.length : 128;
    for (let i = 0; i < length; i++) {
      if (this.count === 0) this.frameStart = currentTime + i / sampleRate;
      const sample = channel ? channel[i] : 0;
      this.sum += sample * sample;
      if (++this.count === this.frameSamples) {
        this.port.postMessage([this.frameStart, this.sum / this.count]);
        this.sum = 0;
        this.count = 0;
      }
    }
    return true;
  }
}
registerProcessor('attune-level', AttuneLevel);
`;

/** dBFS of a mean square; digital silence maps to −100 (the floor's lowest bin). */
export function meanSquareToDb(meanSquare: number): number {
  return meanSquare > 1e-10 ? 10 * Math.log10(meanSquare) : -100;
}

export const webAudioLevelMeter: LevelMeterFactory = (track, onFrame) => {
  const AudioContextClass = globalThis.AudioContext;
  // Web Audio needs a real MediaStreamTrack; an app's wrapper object gets no VAD (stats still flow).
  if (!AudioContextClass || !(track instanceof MediaStreamTrack)) return { stop: () => undefined };
  const context = new AudioContextClass();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  // Epoch time of the context's clock, so frames carry wall-clock times like every other message.
  const epochAt = (contextSeconds: number) => Math.round(epochOffsetMs + contextSeconds * 1000);
  let epochOffsetMs = Date.now() - context.currentTime * 1000;
  let stopped = false;
  let stopInner: () => void = () => undefined;

  // Headless pages and autoplay policies start contexts suspended.
  if (context.state === 'suspended')
    void context.resume().then(() => (epochOffsetMs = Date.now() - context.currentTime * 1000));

  void startWorklet(context, source, (start, meanSquare) => onFrame(epochAt(start), meanSquareToDb(meanSquare)))
    .catch(() =>
      startAnalyser(context, source, (start, meanSquare) => onFrame(epochAt(start), meanSquareToDb(meanSquare))),
    )
    .then((stop) => {
      if (stopped) stop();
      else stopInner = stop;
    });

  return {
    stop() {
      stopped = true;
      stopInner();
      source.disconnect();
      void context.close().catch(() => undefined);
    },
  };
};

async function startWorklet(
  context: AudioContext,
  source: MediaStreamAudioSourceNode,
  onFrame: (startSeconds: number, meanSquare: number) => void,
): Promise<() => void> {
  if (!context.audioWorklet) throw new Error('no AudioWorklet');
  const url = URL.createObjectURL(new Blob([WORKLET_SOURCE], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const node = new AudioWorkletNode(context, 'attune-level', {
    numberOfOutputs: 0,
    processorOptions: { frameMs: VAD_DEFAULTS.frameMs },
  });
  node.port.onmessage = (event: MessageEvent<[number, number]>) => onFrame(event.data[0], event.data[1]);
  source.connect(node);
  return () => {
    node.port.onmessage = null;
    node.disconnect();
  };
}

/** Fallback: read the analyser's latest 50 ms of samples every 50 ms (timer-driven, so approximate). */
function startAnalyser(
  context: AudioContext,
  source: MediaStreamAudioSourceNode,
  onFrame: (startSeconds: number, meanSquare: number) => void,
): () => void {
  const analyser = context.createAnalyser();
  analyser.fftSize = 4096;
  source.connect(analyser);
  const frameSeconds = VAD_DEFAULTS.frameMs / 1000;
  const samples = new Float32Array(Math.min(analyser.fftSize, Math.round(context.sampleRate * frameSeconds)));
  const full = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(full);
    samples.set(full.subarray(full.length - samples.length));
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    onFrame(context.currentTime - frameSeconds, sum / samples.length);
  }, VAD_DEFAULTS.frameMs);
  return () => {
    clearInterval(timer);
    analyser.disconnect();
  };
}
