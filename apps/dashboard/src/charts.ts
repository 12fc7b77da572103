import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Colors,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { SessionSnapshot } from '@attune/metrics';

// Tree-shaken chart.js needs Colors registered, or every series comes out grey.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Colors,
  Legend,
  Tooltip,
);
Chart.defaults.font.size = 16;
Chart.defaults.animation = false;

const HISTORY_POINTS = 90 * 60;

/** The speaking-share bars and the balance lines, updated in place once a second. */
export class SessionCharts {
  private readonly shares: Chart<'bar', number[], string>;
  private readonly balance: Chart<'line', (number | null)[], string>;
  private hidden = false;

  constructor(sharesCanvas: HTMLCanvasElement, balanceCanvas: HTMLCanvasElement) {
    this.shares = new Chart(sharesCanvas, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { label: 'Session share (%)', data: [] },
          { label: 'Last 5 min (%)', data: [] },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '% of members’ talk' } } },
      },
    });
    this.balance = new Chart(balanceCanvas, {
      type: 'line',
      data: {
        labels: [],
        datasets: [
          { label: 'Gini, last 15 min (0 = even)', data: [], pointRadius: 0, borderWidth: 3 },
          { label: 'Member↔member ratio', data: [], pointRadius: 0, borderWidth: 3, borderDash: [8, 4] },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: { x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } }, y: { min: 0, max: 1 } },
      },
    });
  }

  /** While hidden (calm mode) the data keeps up but nothing is drawn; showing again draws once. */
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (!hidden) this.draw();
  }

  update(snapshot: SessionSnapshot, nameOf: (id: string) => string): void {
    const members = snapshot.speaking.participants
      .filter((participant) => participant.role === 'member')
      .sort((a, b) => nameOf(a.participantId).localeCompare(nameOf(b.participantId)));
    this.shares.data.labels = members.map((member) => nameOf(member.participantId));
    this.shares.data.datasets[0].data = members.map((member) => Math.round((member.talkShare ?? 0) * 100));
    this.shares.data.datasets[1].data = members.map((member) => Math.round((member.rollingTalkShare ?? 0) * 100));

    const labels = this.balance.data.labels as string[];
    labels.push(new Date(snapshot.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    this.balance.data.datasets[0].data.push(snapshot.speaking.balanceRolling.gini);
    this.balance.data.datasets[1].data.push(snapshot.speaking.turnTaking.memberToMemberRatio);
    if (labels.length > HISTORY_POINTS) {
      labels.shift();
      for (const dataset of this.balance.data.datasets) dataset.data.shift();
    }
    if (!this.hidden) this.draw();
  }

  private draw(): void {
    this.shares.update('none');
    this.balance.update('none');
  }

  destroy(): void {
    this.shares.destroy();
    this.balance.destroy();
  }
}
