import type { MemberBrowser } from './member-browser';

/**
 * Connects every member to every other (a full mesh), signalled by the test: the earlier member
 * offers, the later answers; descriptions carry all candidates (non-trickle), so one round trip
 * per pair is enough. Resolves when every connection is `connected`.
 */
export async function connectFullMesh(members: MemberBrowser[], timeoutMs = 30_000): Promise<void> {
  for (let offerer = 0; offerer < members.length; offerer++) {
    for (let answerer = offerer + 1; answerer < members.length; answerer++) {
      const [a, b] = [members[offerer], members[answerer]];
      const offer = await a.call('offer', b.name);
      const answer = await b.call('answer', a.name, offer);
      await a.call('accept', b.name, answer);
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting: string[] = [];
    for (const member of members) {
      for (const [peer, connection] of Object.entries(await member.call('connections'))) {
        if (connection.state !== 'connected') waiting.push(`${member.name}→${peer}: ${connection.state}`);
      }
    }
    if (waiting.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`peer connections not connected after ${timeoutMs} ms: ${waiting.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `member` restarts ICE with every peer (new candidates, new sockets), signalled like the first offers. */
export async function restartIceWithPeers(member: MemberBrowser, peers: MemberBrowser[]): Promise<void> {
  for (const peer of peers) {
    const offer = await member.call('restartIce', peer.name);
    const answer = await peer.call('answerAgain', member.name, offer);
    await member.call('accept', peer.name, answer);
  }
}
