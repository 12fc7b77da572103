// libs/metrics: pure metric functions and rxjs operators — no Nest, no I/O. The live pipeline,
// the stored windows, the reports and the offline `analyze` command all compute with this code,
// so their numbers agree. Definitions and defaults: docs/metrics.md.

export * from './normalize';
export * from './connectivity';
export * from './speaking';
export * from './balance';
export * from './distraction';
export * from './session';
