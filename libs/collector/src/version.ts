/** Sent in `join` so the server can tell collector versions apart; bump with behaviour changes. */
export const COLLECTOR_VERSION = '0.1.0';
