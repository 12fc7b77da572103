import { applyHeapPolicy } from './heap-policy';

describe(applyHeapPolicy.name, () => {
  it('sets the heap growth unless node was started with one of its own', () => {
    expect(applyHeapPolicy(['--enable-source-maps'])).toBe(true);
    expect(applyHeapPolicy(['--heap-growing-percent=0'])).toBe(false);
    expect(applyHeapPolicy(['--expose-gc', '--heap-growing-percent=50'])).toBe(false);
  });
});
