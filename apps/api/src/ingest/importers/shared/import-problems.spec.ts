import { formatImportProblem, ProblemLog } from './import-problems';

describe(ProblemLog.name, () => {
  it('keeps the first thousand problems of a file and counts the rest', () => {
    const sut = new ProblemLog('big.rtcstats');
    for (let line = 1; line <= 1500; line++) sut.add(line, 'malformed JSON');
    const problems = sut.list();
    expect(problems).toHaveLength(1001);
    expect(problems[999]).toEqual({ file: 'big.rtcstats', line: 1000, reason: 'malformed JSON' });
    expect(problems[1000]).toEqual({ file: 'big.rtcstats', line: 0, reason: '500 more problems not listed' });
  });
});

describe(formatImportProblem.name, () => {
  it('writes file:line: reason, or file: reason for the whole file', () => {
    expect(formatImportProblem({ file: 'a.ndjson', line: 7, reason: 'bad' })).toBe('a.ndjson:7: bad');
    expect(formatImportProblem({ file: 'README.md', line: 0, reason: 'skipped' })).toBe('README.md: skipped');
  });
});
