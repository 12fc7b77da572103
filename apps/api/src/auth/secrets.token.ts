/** Injection token for the resolved {@link Secrets}. */
export const SECRETS = Symbol('SECRETS');
