/**
 * The fake microphone of each member: a WAV that Chromium plays as its capture device
 * (`--use-file-for-fake-audio-capture`), with speech exactly where the test says, so the
 * collector's voice-activity detection can be checked against a known truth.
 *
 * Speech is voice-like rather than a pure tone: a 120–220 Hz harmonic series with a slow pitch
 * drift, shaped by a syllable-rate (~4 Hz) envelope at about −20 dBFS. Between syllables the level
 * dips by ~10 dB but never towards silence, as in running speech. Silence is faint noise at about
 * −70 dBFS, far under PRODUCT.md's −50 dBFS speech floor.
 */
export interface SpeechSpan {
  /** Seconds from the start of the file. */
  start: number;
  end: number;
}

export interface SpeechPattern {
  durationSeconds: number;
  speech: SpeechSpan[];
}

export const WAV_SAMPLE_RATE = 48_000;

const SPEECH_RMS_DBFS = -20;
const SILENCE_RMS_DBFS = -70;
/** Short fades so a span starts and ends without a click (a click is not speech either). */
const FADE_SECONDS = 0.01;

export function speechSeconds(pattern: SpeechPattern): number {
  return pattern.speech.reduce((total, span) => total + (span.end - span.start), 0);
}

/** 16-bit PCM, mono, 48 kHz, deterministic for a given seed. */
export function renderSpeechWav(pattern: SpeechPattern, seed = 1): Buffer {
  assertValidPattern(pattern);
  const sampleCount = Math.round(pattern.durationSeconds * WAV_SAMPLE_RATE);
  const samples = new Int16Array(sampleCount);
  const random = mulberry32(seed);
  const silenceAmplitude = rmsToUniformNoiseAmplitude(dbfsToLinear(SILENCE_RMS_DBFS));
  for (let index = 0; index < sampleCount; index++) {
    samples[index] = toInt16((random() * 2 - 1) * silenceAmplitude);
  }
  for (const span of pattern.speech) writeSpeech(samples, span, random);
  return wavFile(samples);
}

function writeSpeech(samples: Int16Array, span: SpeechSpan, random: () => number): void {
  const first = Math.round(span.start * WAV_SAMPLE_RATE);
  const last = Math.min(samples.length, Math.round(span.end * WAV_SAMPLE_RATE));
  // The voice below (harmonics ÷ 2.25, times the syllable envelope) has an RMS of about 0.275 × its
  // peak; scale it to the target level.
  const peak = dbfsToLinear(SPEECH_RMS_DBFS) / 0.275;
  const syllableHz = 3.5 + random();
  const pitchBaseHz = 120 + random() * 100;
  let phase = 0;
  for (let index = first; index < last; index++) {
    const t = (index - first) / WAV_SAMPLE_RATE;
    const pitchHz = pitchBaseHz * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t));
    phase += (2 * Math.PI * pitchHz) / WAV_SAMPLE_RATE;
    const voice =
      Math.sin(phase) + 0.6 * Math.sin(2 * phase) + 0.4 * Math.sin(3 * phase) + 0.25 * Math.sin(4 * phase + 0.3);
    const syllable = 0.65 + 0.35 * Math.sin(2 * Math.PI * syllableHz * t);
    const fade = Math.min(1, t / FADE_SECONDS, (last - index) / WAV_SAMPLE_RATE / FADE_SECONDS);
    const breath = (random() * 2 - 1) * 0.05;
    samples[index] = toInt16(peak * fade * syllable * (voice / 2.25 + breath));
  }
}

function wavFile(samples: Int16Array): Buffer {
  const dataBytes = samples.length * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  header.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, dataBytes)]);
}

function assertValidPattern(pattern: SpeechPattern): void {
  let previousEnd = 0;
  for (const span of pattern.speech) {
    if (span.start < previousEnd || span.end <= span.start || span.end > pattern.durationSeconds) {
      throw new Error(`speech spans must be ordered, non-empty and inside the file: ${JSON.stringify(span)}`);
    }
    previousEnd = span.end;
  }
}

function dbfsToLinear(dbfs: number): number {
  return 10 ** (dbfs / 20);
}

/** Uniform noise in [−a, a] has an RMS of a/√3. */
function rmsToUniformNoiseAmplitude(rms: number): number {
  return rms * Math.sqrt(3);
}

function toInt16(value: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(value * 32768)));
}

/** A small seeded PRNG: the same seed renders the same file. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
