import { MEMBER_PERSONAS, defaultPersonas, isMemberPersona, type MemberPersona } from '../scenario/personas';
import type { SpeechSource } from '../scenario/scenario';

export const SIMULATE_USAGE = `Usage: npm run simulate -- (--api URL [--admin-token T] | --out DIR) [options]

Simulates an online therapy group session through Attune's wire protocol: a facilitator and
members with personas, realistic WebRTC stats, speech, browser events and the facilitator's taps.

Where it goes (one of):
  --api URL             a running Attune (e.g. http://localhost:3000): the session is created through
                        the admin API, started, sent live over the /ingest WebSocket, then ended
  --admin-token T       the admin token for --api (default: $ATTUNE_ADMIN_TOKEN)
  --out DIR             write DIR/recordings/*.ndjson (one file per participant, the input of
                        \`npm run analyze\`) and DIR/ground-truth.json (what really happened)

Options:
  --members N           members besides the facilitator, 1–30 (default 8, or as many as --personas)
  --minutes M           session length in simulated minutes, 0.5–240 (default 20; with --ami the meeting's)
  --speed S             live runs only: simulated seconds per real second, 1–100 (default 1)
  --seed N              the seed: the same seed gives the same session (default 1)
  --personas a,b,…      one per member, from: ${MEMBER_PERSONAS.join(', ')}
                        (default: each once, in this order, then steady)
  --ami MEETING         replay the turn-taking of an AMI meeting (e.g. ES2002a) from ../shared/fixtures/ami-rttm
  --speech KIND         utterances (members' devices detect their own speech; default) or energy
                        (microphone energy stats only: the server estimates speech)
  --help                show this help`;

export type SimulateTarget =
  { kind: 'live'; apiUrl: string; adminToken: string } | { kind: 'file'; outDirectory: string };

export interface SimulateArguments {
  target: SimulateTarget;
  personas: MemberPersona[];
  /** Undefined: 20 minutes, or the AMI meeting's length. */
  minutes: number | undefined;
  speed: number;
  seed: number;
  ami: string | undefined;
  speech: SpeechSource;
}

/** The command line was wrong: the message says what and how to fix it. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = UsageError.name;
  }
}

export const MAX_LIVE_SPEED = 100;

/** Parses the arguments after `--`; throws UsageError. `env` supplies ATTUNE_ADMIN_TOKEN. */
export function parseSimulateArguments(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): SimulateArguments {
  const given = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('--')) throw new UsageError(`unexpected argument "${argument}" (options start with --)`);
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (!KNOWN_OPTIONS.includes(name)) throw new UsageError(`unknown option ${name}`);
    if (given.has(name)) throw new UsageError(`${name} is given twice`);
    const value = equals === -1 ? argv[++index] : argument.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    given.set(name, value);
  }

  const apiUrl = given.get('--api');
  const outDirectory = given.get('--out');
  if ((apiUrl === undefined) === (outDirectory === undefined)) {
    throw new UsageError('say where the session goes: either --api URL (live) or --out DIR (files)');
  }
  let target: SimulateTarget;
  if (apiUrl !== undefined) {
    if (!/^https?:\/\/[^/]+/.test(apiUrl)) throw new UsageError(`--api must be an http(s) URL (got "${apiUrl}")`);
    const adminToken = given.get('--admin-token') ?? env.ATTUNE_ADMIN_TOKEN;
    if (!adminToken) throw new UsageError('--api needs the admin token: --admin-token T or ATTUNE_ADMIN_TOKEN');
    target = { kind: 'live', apiUrl, adminToken };
  } else {
    if (given.has('--admin-token')) throw new UsageError('--admin-token belongs to --api, not --out');
    if (given.has('--speed')) throw new UsageError('--speed applies to live runs (--api); --out is written at once');
    target = { kind: 'file', outDirectory: outDirectory ?? '' };
  }

  const personas = personasFrom(given.get('--personas'), optionalNumber(given, '--members', 1, 30, true));
  const speech = given.get('--speech') ?? 'utterances';
  if (speech !== 'utterances' && speech !== 'energy') {
    throw new UsageError(`--speech must be utterances or energy (got "${speech}")`);
  }
  const ami = given.get('--ami');
  if (ami !== undefined && !/^[A-Za-z0-9]+$/.test(ami)) {
    throw new UsageError(`--ami expects an AMI meeting name such as ES2002a (got "${ami}")`);
  }
  return {
    target,
    personas,
    minutes: optionalNumber(given, '--minutes', 0.5, 240, false),
    speed: optionalNumber(given, '--speed', 1, MAX_LIVE_SPEED, false) ?? 1,
    seed: optionalNumber(given, '--seed', 0, 2 ** 32 - 1, true) ?? 1,
    ami,
    speech,
  };
}

const KNOWN_OPTIONS = [
  '--api',
  '--admin-token',
  '--out',
  '--members',
  '--minutes',
  '--speed',
  '--seed',
  '--personas',
  '--ami',
  '--speech',
];

function personasFrom(list: string | undefined, members: number | undefined): MemberPersona[] {
  if (list === undefined) return defaultPersonas(members ?? 8);
  const names = list.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !isMemberPersona(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown persona ${unknown.map((name) => `"${name}"`).join(', ')} (known: ${MEMBER_PERSONAS.join(', ')})`,
    );
  }
  if (members !== undefined && members !== names.length) {
    throw new UsageError(`--members ${members} but --personas names ${names.length}; give one persona per member`);
  }
  if (names.length > 30) throw new UsageError('at most 30 members');
  return names.filter(isMemberPersona);
}

function optionalNumber(
  given: ReadonlyMap<string, string>,
  name: string,
  min: number,
  max: number,
  integer: boolean,
): number | undefined {
  const raw = given.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(
      `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${raw}")`,
    );
  }
  return value;
}
