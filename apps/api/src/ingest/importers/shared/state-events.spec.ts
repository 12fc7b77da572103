import { stateEventFrom } from './state-events';

describe(stateEventFrom.name, () => {
  it('reads the spellings recorders use', () => {
    const states = ['connected', 'Connected', 'kConnected', 'ICEConnectionStateConnected', 'disconnected'].map(
      (recorded) => stateEventFrom('ice-state', recorded, 1000, 'PC_0'),
    );
    expect(states.map((result) => ('event' in result ? result.event.state : result.reason))).toEqual([
      'connected',
      'connected',
      'connected',
      'connected',
      'disconnected',
    ]);
  });

  it('builds the protocol message, with the peer connection when known', () => {
    expect(stateEventFrom('connection-state', 'failed', 1000, 'PC_1')).toEqual({
      event: { kind: 'client-event', type: 'connection-state', at: 1000, state: 'failed', peerConnectionId: 'PC_1' },
    });
    expect(stateEventFrom('connection-state', 'failed', 1000, undefined)).toEqual({
      event: { kind: 'client-event', type: 'connection-state', at: 1000, state: 'failed' },
    });
  });

  it('refuses a state the protocol does not know, without quoting it back', () => {
    expect(stateEventFrom('connection-state', 'completed', 1000, undefined)).toEqual({
      reason:
        'unrecognised connection-state value (expected one of: new, connecting, connected, disconnected, failed, closed)',
    });
    expect(stateEventFrom('ice-state', 42, 1000, undefined)).toHaveProperty('reason');
  });
});
