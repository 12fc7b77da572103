import type { ParticipantReport, SessionReport } from '@attune/metrics';

/** The report as text for a terminal: the session, then one row per participant, then transitions. */
export function formatReportTable(report: SessionReport): string {
  const { session, balance } = report;
  const lines = [
    `Session ${session.sessionId}: ${isoTime(session.startedAt)} – ${isoTime(session.endedAt)} (${duration(session.durationSeconds)})`,
    `  participants ${session.participantCount} (members ${session.memberCount}), late messages ${session.lateMessages}`,
    `  balance over ${balance.memberCount} members: Gini ${fixed(balance.gini, 2)}, entropy ${fixed(balance.entropy, 2)}, ` +
      `member talk ${fixed(balance.totalTalkSeconds, 1)} s; facilitator share ${percent(session.facilitatorShare)}`,
    `  transitions ${session.transitionCount}, member↔member ${percent(session.memberToMemberRatio)}, ` +
      `response latency mean ${fixed(session.meanResponseLatencySeconds, 2)} s`,
    '',
    ...table(PARTICIPANT_COLUMNS, report.participants),
  ];
  if (report.transitions.length > 0) {
    lines.push('', 'Transitions (from → to: count)');
    for (const { from, to, count } of report.transitions) lines.push(`  ${from} → ${to}: ${count}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Column {
  title: string;
  value: (participant: ParticipantReport) => string;
  alignLeft?: boolean;
}

const PARTICIPANT_COLUMNS: Column[] = [
  { title: 'participant', value: (p) => p.id, alignLeft: true },
  { title: 'role', value: (p) => p.role, alignLeft: true },
  { title: 'present s', value: (p) => fixed(p.attendance.presentSeconds, 0) },
  { title: 'talk s', value: (p) => fixed(p.speaking.seconds, 1) },
  { title: 'share', value: (p) => percent(p.speaking.share) },
  { title: 'turns', value: (p) => String(p.speaking.turns) },
  { title: 'max silence s', value: (p) => fixed(p.speaking.maxSilenceSeconds, 0) },
  { title: 'speech from', value: (p) => p.speaking.source, alignLeft: true },
  {
    title: 'RTT ms',
    value: (p) =>
      `${fixed(p.connectivity.meanRttMs, 1)}${p.connectivity.rttSource ? ` ${p.connectivity.rttSource}` : ''}`,
  },
  { title: 'loss %', value: (p) => fixed(p.connectivity.packetLossPct, 2) },
  { title: 'jitter ms', value: (p) => fixed(p.connectivity.jitterMs, 1) },
  { title: 'MOS', value: (p) => fixed(p.connectivity.mos, 2) },
  { title: 'drops', value: (p) => String(p.connectivity.drops) },
  { title: 'reconnects', value: (p) => String(p.connectivity.reconnects) },
  { title: 'ICE failed', value: (p) => (p.connectivity.failed ? 'yes' : 'no') },
  { title: 'connected s', value: (p) => fixed(p.connectivity.connectedSeconds, 0) },
  { title: 'hidden s', value: (p) => fixed(p.distraction.hiddenSeconds, 0) },
  { title: 'muted s', value: (p) => fixed(p.distraction.mutedSeconds, 0) },
  { title: 'camera off s', value: (p) => fixed(p.distraction.cameraOffSeconds, 0) },
];

function table(columns: readonly Column[], rows: readonly ParticipantReport[]): string[] {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...cells.map((row) => row[index].length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => (columns[index].alignLeft ? value.padEnd(widths[index]) : value.padStart(widths[index])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.title)), ...cells.map(line)];
}

/** "—" for unknown: an unknown value must never read as 0. */
function fixed(value: number | null, digits: number): string {
  return value === null ? '—' : value.toFixed(digits);
}

function percent(fraction: number | null): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(1)} %`;
}

function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${Math.round(seconds - minutes * 60)} s` : `${seconds.toFixed(1)} s`;
}
