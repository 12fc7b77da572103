/// <reference lib="dom" />
/*
 * A member's side of a small video call, as a video app that embeds Attune would run it: the
 * camera and microphone (Chromium's fake devices), one RTCPeerConnection per other member,
 * remote media playing in unmuted elements, and the collector loaded from the api's
 * `/collector.js` watching all of it. The test drives it through `window.attuneMember`; the
 * signalling (offer/answer, non-trickle) goes through the test process.
 *
 * This file runs in the browser: the test strips its types (swc) and serves it as an ES module.
 */

/** The part of the collector's interface (libs/collector) this page uses. */
interface AttuneMonitor {
  addPeerConnection(pc: RTCPeerConnection, options?: { id?: string }): void;
  setLocalAudioTrack(track: MediaStreamTrack): void;
  setLocalVideoTrack(track: MediaStreamTrack): void;
  status(): unknown;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

interface AttuneCollector {
  monitor(options: {
    endpoint: string;
    sessionId: string;
    participantId: string;
    token: string;
    pollIntervalMs?: number;
    consent?: boolean;
  }): AttuneMonitor;
}

export interface MemberStartOptions {
  sessionId: string;
  participantId: string;
  token: string;
}

const peers = new Map<string, RTCPeerConnection>();
let localStream: MediaStream | undefined;
let monitor: AttuneMonitor | undefined;

async function start(options: MemberStartOptions): Promise<void> {
  // The browser's own audio processing would reshape the test's known speech pattern (noise
  // suppression, gain control), so the collector's VAD sees the WAV as written.
  localStream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    video: { width: 160, height: 120, frameRate: 10 },
  });
  const collectorUrl = new URL('/collector.js', location.origin).href;
  const attune = (await import(collectorUrl)) as AttuneCollector;
  monitor = attune.monitor({
    endpoint: location.origin,
    sessionId: options.sessionId,
    participantId: options.participantId,
    token: options.token,
    pollIntervalMs: 1000,
    consent: true,
  });
  monitor.setLocalAudioTrack(localStream.getAudioTracks()[0]);
  monitor.setLocalVideoTrack(localStream.getVideoTracks()[0]);
}

function connectionTo(peerId: string): RTCPeerConnection {
  if (!localStream) throw new Error('start() first');
  const pc = new RTCPeerConnection({ iceServers: [] });
  for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
  pc.ontrack = (event) => play(peerId, event);
  peers.set(peerId, pc);
  monitor?.addPeerConnection(pc, { id: peerId });
  return pc;
}

/** Remote audio must really play (unmuted) or the receiver's audio level stays 0. */
function play(peerId: string, event: RTCTrackEvent): void {
  const tag = event.track.kind === 'audio' ? 'audio' : 'video';
  const id = `${tag}-${peerId}`;
  let element = document.getElementById(id) as HTMLMediaElement | null;
  if (!element) {
    element = document.createElement(tag);
    element.id = id;
    element.autoplay = true;
    if (element instanceof HTMLVideoElement) element.playsInline = true;
    document.body.append(element);
  }
  element.srcObject = event.streams[0] ?? new MediaStream([event.track]);
  void element.play().catch(() => undefined);
}

/** Non-trickle: the description is returned once ICE gathering completed, candidates included. */
async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const check = () => {
        if (pc.iceGatheringState === 'complete') resolve();
      };
      pc.addEventListener('icegatheringstatechange', check);
      check();
    });
  }
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('no local description');
  return sdp;
}

/** Resolves when the next ICE gathering (after a restart) has completed. */
function nextGatheringComplete(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (pc.iceGatheringState !== 'complete') return;
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/**
 * An ICE restart offer. New candidates mean new sockets, and DevTools' network emulation only
 * applies to sockets opened after it was set: this is how a bad network reaches a running call.
 */
async function restartIce(peerId: string): Promise<string> {
  const pc = peers.get(peerId);
  if (!pc) throw new Error(`no connection to ${peerId}`);
  const gatheredAgain = nextGatheringComplete(pc);
  await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
  await gatheredAgain;
  return gathered(pc);
}

/** Answers a renegotiation (an ICE restart) on an existing connection. */
async function answerAgain(peerId: string, offerSdp: string): Promise<string> {
  const pc = peers.get(peerId);
  if (!pc) throw new Error(`no connection to ${peerId}`);
  const gatheredAgain = nextGatheringComplete(pc);
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await gatheredAgain;
  return gathered(pc);
}

async function offer(peerId: string): Promise<string> {
  const pc = connectionTo(peerId);
  await pc.setLocalDescription(await pc.createOffer());
  return gathered(pc);
}

async function answer(peerId: string, offerSdp: string): Promise<string> {
  const pc = connectionTo(peerId);
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  await pc.setLocalDescription(await pc.createAnswer());
  return gathered(pc);
}

async function accept(peerId: string, answerSdp: string): Promise<void> {
  const pc = peers.get(peerId);
  if (!pc) throw new Error(`no connection to ${peerId}`);
  await pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
}

/** Peer id → connectionState, and whether each remote audio element is playing. */
function connections(): Record<string, { state: RTCPeerConnectionState; audioPlaying: boolean }> {
  const result: Record<string, { state: RTCPeerConnectionState; audioPlaying: boolean }> = {};
  for (const [peerId, pc] of peers) {
    const audio = document.getElementById(`audio-${peerId}`) as HTMLMediaElement | null;
    result[peerId] = { state: pc.connectionState, audioPlaying: !!audio && !audio.paused && !audio.muted };
  }
  return result;
}

function collectorStatus(): unknown {
  return monitor?.status() ?? null;
}

/** What the browser itself measures right now, per peer: ICE and RTCP round-trip times (ms). */
async function roundTripTimes(): Promise<Record<string, { iceMs?: number; rtcpMs?: number }>> {
  const result: Record<string, { iceMs?: number; rtcpMs?: number }> = {};
  for (const [peerId, pc] of peers) {
    const entry: { iceMs?: number; rtcpMs?: number } = {};
    (await pc.getStats()).forEach((stats: Record<string, unknown>) => {
      if (stats.type === 'candidate-pair' && stats.nominated && typeof stats.currentRoundTripTime === 'number') {
        entry.iceMs = stats.currentRoundTripTime * 1000;
      }
      if (stats.type === 'remote-inbound-rtp' && stats.kind === 'audio' && typeof stats.roundTripTime === 'number') {
        entry.rtcpMs = stats.roundTripTime * 1000;
      }
    });
    result[peerId] = entry;
  }
  return result;
}

/** The same call goes on without Attune: for measuring what the collector costs the page. */
async function stopCollector(): Promise<void> {
  await monitor?.stop();
  monitor = undefined;
}

const api = {
  start,
  offer,
  answer,
  accept,
  restartIce,
  answerAgain,
  connections,
  collectorStatus,
  roundTripTimes,
  stopCollector,
  visibility: () => document.visibilityState,
};
export type MemberPageApi = typeof api;
(window as unknown as { attuneMember: MemberPageApi }).attuneMember = api;
