import type { RecordingFormat } from './recording-types';
import { withoutByteOrderMark } from './shared/text-lines';

/** How much of a file detection needs: enough for the first line of any format we read. */
export const DETECTION_SAMPLE_BYTES = 64 * 1024;

/** An rtcstats dump line: `["method", …`. */
const RTCSTATS_ENTRY = /^\[\s*"[^"\\]{1,200}"\s*,/;
/** A webrtc-internals export begins with one of its top-level keys (Chrome writes getUserMedia first). */
const WEBRTC_INTERNALS_START = /^\{\s*"(getUserMedia|PeerConnections|UserAgent)"\s*:/;
const WEBRTC_INTERNALS_ANYWHERE = /"PeerConnections"\s*:\s*\{/;
/** A protocol envelope on one line: the version and an id of ours. */
const ENVELOPE_VERSION = /"v"\s*:\s*\d/;
const ENVELOPE_ID = /"(sessionId|participantId)"\s*:\s*"/;

/**
 * Which recording format a file holds, from its first bytes (a string, or raw bytes of UTF-8),
 * never from its name; undefined when it is none of them (a README, a licence, jitsi's results).
 */
export function detectRecordingFormat(firstBytes: string | Uint8Array): RecordingFormat | undefined {
  const text = withoutByteOrderMark(
    typeof firstBytes === 'string' ? firstBytes : new TextDecoder('utf-8').decode(firstBytes),
  ).trimStart();
  if (RTCSTATS_ENTRY.test(text)) return 'rtcstats';
  if (!text.startsWith('{')) return undefined;
  if (WEBRTC_INTERNALS_START.test(text)) return 'webrtc-internals';
  const newline = text.indexOf('\n');
  const firstLine = newline === -1 ? text : text.slice(0, newline);
  if (ENVELOPE_VERSION.test(firstLine) && ENVELOPE_ID.test(firstLine)) return 'ndjson';
  if (WEBRTC_INTERNALS_ANYWHERE.test(text)) return 'webrtc-internals';
  return undefined;
}
