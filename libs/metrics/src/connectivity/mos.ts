/*
 * The simplified E-model of PRODUCT.md (after ITU-T G.107, as used by many WebRTC monitors).
 * Two open-source monitors ship it with bugs — a loss fraction fed where a percentage belongs, and
 * `93.2 - d - 120 / 10`, which makes high delay raise the score — so every step is its own function
 * with golden tests at the edges.
 */

export interface MosInputs {
  readonly rttMs: number;
  readonly jitterMs: number;
  /** PERCENT (0–100), not a fraction. */
  readonly packetLossPct: number;
  /** Mean time a sample waits in the receive jitter buffer, when the browser reports it. */
  readonly jitterBufferDelayMs?: number;
}

/** d = RTT/2 + 2·jitter + 10 ms codec allowance (+ jitter-buffer delay when known). */
export function effectiveLatencyMs({ rttMs, jitterMs, jitterBufferDelayMs }: MosInputs): number {
  return rttMs / 2 + 2 * jitterMs + 10 + (jitterBufferDelayMs ?? 0);
}

/** R from delay and loss; the delay penalty steepens at 160 ms, where both branches meet (R = 89.2). */
export function rFactor(effectiveLatency: number, packetLossPct: number): number {
  const delayed = effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  return clamp(delayed - 2.5 * packetLossPct, 0, 100);
}

export function rFactorToMos(r: number): number {
  return clamp(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

/** Estimated listening MOS (1–4.5). */
export function estimateMos(inputs: MosInputs): number {
  return rFactorToMos(rFactor(effectiveLatencyMs(inputs), inputs.packetLossPct));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
