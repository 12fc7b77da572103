import { parseSimulateArguments, UsageError } from './simulate-arguments';

const live = ['--api', 'http://localhost:3000', '--admin-token', 'a-token-of-16-chars'];

describe(parseSimulateArguments.name, () => {
  it('reads a live run with every option', () => {
    expect(
      parseSimulateArguments([
        ...live,
        '--members=3',
        '--personas',
        'quiet,dropper,talkative',
        '--minutes',
        '5.5',
        '--speed',
        '20',
        '--seed',
        '42',
        '--ami',
        'ES2002a',
        '--speech',
        'energy',
      ]),
    ).toEqual({
      target: { kind: 'live', apiUrl: 'http://localhost:3000', adminToken: 'a-token-of-16-chars' },
      personas: ['quiet', 'dropper', 'talkative'],
      minutes: 5.5,
      speed: 20,
      seed: 42,
      ami: 'ES2002a',
      speech: 'energy',
    });
  });

  it('defaults to 8 members, each persona once, utterances, speed 1 and seed 1', () => {
    const args = parseSimulateArguments(['--out', 'out'], {});
    expect(args.target).toEqual({ kind: 'file', outDirectory: 'out' });
    expect(args.personas).toEqual([
      'talkative',
      'quiet',
      'withdrawing',
      'distracted',
      'poor-network',
      'dropper',
      'camera-shy',
      'steady',
    ]);
    expect(args).toMatchObject({ minutes: undefined, speed: 1, seed: 1, speech: 'utterances', ami: undefined });
  });

  it('takes the admin token from the environment', () => {
    const args = parseSimulateArguments(['--api', 'http://localhost:3000'], {
      ATTUNE_ADMIN_TOKEN: 'from-the-env-1234',
    });
    expect(args.target).toEqual({ kind: 'live', apiUrl: 'http://localhost:3000', adminToken: 'from-the-env-1234' });
  });

  it.each([
    [[], /either --api URL \(live\) or --out DIR/],
    [[...live, '--out', 'x'], /either --api URL \(live\) or --out DIR/],
    [['--api', 'http://localhost:3000'], /needs the admin token/],
    [['--api', 'localhost:3000', '--admin-token', 'x'], /--api must be an http\(s\) URL/],
    [['--out', 'x', '--speed', '10'], /--speed applies to live runs/],
    [[...live, '--speed', '500'], /--speed must be a number from 1 to 100 \(got "500"\)/],
    [[...live, '--members', '2.5'], /--members must be a whole number from 1 to 30/],
    [[...live, '--minutes', '0'], /--minutes must be a number from 0.5 to 240/],
    [[...live, '--personas', 'quiet,grumpy'], /unknown persona "grumpy" \(known: talkative, quiet/],
    [[...live, '--members', '3', '--personas', 'quiet'], /--members 3 but --personas names 1/],
    [[...live, '--speech', 'video'], /--speech must be utterances or energy/],
    [[...live, '--ami', '../etc'], /--ami expects an AMI meeting name/],
    [[...live, '--seed'], /--seed needs a value/],
    [[...live, '--colour', 'red'], /unknown option --colour/],
    [[...live, 'extra'], /unexpected argument "extra"/],
    [[...live, '--seed', '1', '--seed', '2'], /--seed is given twice/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseSimulateArguments(argv, {})).toThrow(UsageError);
    expect(() => parseSimulateArguments(argv, {})).toThrow(message);
  });
});
