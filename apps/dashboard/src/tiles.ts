import type { ParticipantSnapshot, ParticipantSpeakingSnapshot } from '@attune/metrics';
import { h, setText } from './dom';
import { codeLabel, CONNECTION_WORDS, duration, mos, OBSERVATION_WORDS, percent } from './format';

/** The codes offered on every tile; the rest sit behind "More". */
const QUICK_CODES = ['shared', 'supportive', 'withdrawn', 'distracted'];

export interface TileData {
  id: string;
  name: string;
  role: 'member' | 'facilitator';
  participant: ParticipantSnapshot | undefined;
  speaking: ParticipantSpeakingSnapshot | undefined;
}

/**
 * One tile per participant, built once and then updated in place, so keyboard focus stays on
 * a button while the numbers change underneath it every second.
 */
export class Tile {
  readonly element: HTMLElement;
  private readonly name = h('h3', { class: 'tile-name' });
  private readonly state = h('span', { class: 'state' });
  private readonly mos = h('dd');
  private readonly share = h('dd');
  private readonly silence = h('dd');
  private readonly badges = h('ul', { class: 'badges', 'aria-label': 'Observations' });

  constructor(
    readonly id: string,
    codes: string[],
    canLog: boolean,
    onLog: (code: string, participantId: string) => void,
  ) {
    const stats = h(
      'dl',
      { class: 'tile-stats' },
      h('div', {}, h('dt', { text: 'Call quality (MOS)' }), this.mos),
      h('div', {}, h('dt', { text: 'Speaking share' }), this.share),
      h('div', {}, h('dt', { text: 'Last spoke' }), this.silence),
    );
    this.element = h('article', { class: 'tile', 'data-participant': id }, this.name, this.state, stats, this.badges);
    if (canLog) this.element.append(this.logButtons(codes, onLog));
  }

  update(data: TileData): void {
    setText(this.name, data.role === 'facilitator' ? `${data.name} (facilitator)` : data.name);
    this.name.id = `tile-name-${this.id}`;
    const state = data.participant?.connection.state ?? 'left';
    setText(this.state, CONNECTION_WORDS[state] ?? state);
    this.state.className = `state state-${state}`;
    this.element.classList.toggle('absent', data.participant?.present !== true);
    setText(this.mos, mos(data.participant?.connection.latest?.mos));
    setText(this.share, data.role === 'facilitator' ? 'not counted' : percent(data.speaking?.talkShare));
    setText(this.silence, silenceText(data.speaking));
    this.updateBadges(data.participant);
  }

  private updateBadges(participant: ParticipantSnapshot | undefined): void {
    const badges = (participant?.ongoingObservations ?? [])
      .filter((observation) => OBSERVATION_WORDS[observation.type])
      .map((observation) => `${OBSERVATION_WORDS[observation.type]} ${duration(observation.secondsSoFar)}`);
    const current = [...this.badges.children].map((badge) => badge.textContent);
    if (current.join('|') === badges.join('|')) return;
    this.badges.replaceChildren(...badges.map((text) => h('li', { class: 'badge', text })));
  }

  private logButtons(codes: string[], onLog: (code: string, participantId: string) => void): HTMLElement {
    const button = (code: string) => {
      const element = h('button', { type: 'button', class: 'log', text: codeLabel(code) });
      element.addEventListener('click', () => onLog(code, this.id));
      return element;
    };
    const quick = QUICK_CODES.filter((code) => codes.includes(code));
    const rest = codes.filter((code) => !quick.includes(code));
    return h(
      'div',
      { class: 'tile-log', role: 'group', 'aria-label': 'Log an observation about this person' },
      ...quick.map(button),
      rest.length > 0 ? h('details', {}, h('summary', { text: 'More' }), ...rest.map(button)) : null,
    );
  }
}

function silenceText(speaking: ParticipantSpeakingSnapshot | undefined): string {
  if (!speaking) return '–';
  if (speaking.neverSpoken) return `not yet (${duration(speaking.silenceStreakSeconds)} present)`;
  return `${duration(speaking.silenceStreakSeconds)} ago`;
}
