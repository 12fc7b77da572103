import { EXAMPLE_ENVELOPE } from '@attune/protocol/examples';
import { detectRecordingFormat } from './detect-recording-format';
import { WEBRTC_INTERNALS_SAMPLE, WEBRTC_INTERNALS_SAMPLE_TEXT } from './testing/webrtc-internals-sample';

describe(detectRecordingFormat.name, () => {
  it('recognises an rtcstats dump by its first entry', () => {
    expect(detectRecordingFormat('["connectionInfo",null,{"statsFormat":"chrome_standard"},1651144288792]\n')).toBe(
      'rtcstats',
    );
    expect(detectRecordingFormat('[ "getstats", "PC_0", {}, 1 ]')).toBe('rtcstats');
  });

  it('recognises a webrtc-internals export, indented or not, whatever key comes first', () => {
    expect(detectRecordingFormat(WEBRTC_INTERNALS_SAMPLE_TEXT)).toBe('webrtc-internals');
    expect(detectRecordingFormat(JSON.stringify(WEBRTC_INTERNALS_SAMPLE))).toBe('webrtc-internals');
    const { PeerConnections, UserAgent } = WEBRTC_INTERNALS_SAMPLE;
    expect(detectRecordingFormat(JSON.stringify({ UserAgent, PeerConnections }))).toBe('webrtc-internals');
  });

  it('recognises NDJSON of protocol envelopes by the first line', () => {
    expect(detectRecordingFormat(`${JSON.stringify(EXAMPLE_ENVELOPE)}\n${JSON.stringify(EXAMPLE_ENVELOPE)}\n`)).toBe(
      'ndjson',
    );
  });

  it('reads raw bytes, with or without a byte order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFF["identity",null,{},1]');
    expect(detectRecordingFormat(bytes)).toBe('rtcstats');
  });

  it('detects from a truncated beginning, as a file sample is', () => {
    expect(detectRecordingFormat(WEBRTC_INTERNALS_SAMPLE_TEXT.slice(0, 40))).toBe('webrtc-internals');
    expect(detectRecordingFormat(JSON.stringify(EXAMPLE_ENVELOPE).slice(0, 120))).toBe('ndjson');
  });

  it('answers undefined for anything else', () => {
    for (const other of [
      '# Real WebRTC stats dumps (rtcstats format)\n',
      'MIT License\n\nCopyright (c) 2020 8x8',
      '[{"features":{}}]',
      '{"features":{"aggregates":{}}}',
      '',
      '[1,2,3]',
    ]) {
      expect(detectRecordingFormat(other)).toBeUndefined();
    }
  });
});
