import { isJsonObject } from '../shared/json-values';

/**
 * The participant's id from the dump's `identity` lines. The endpoint id is preferred over the
 * display name: it is pseudonymous and unique within a conference, while display names are
 * people's names and repeat ("me"). Nothing else of the identity line (room, user, device, URLs)
 * is kept.
 */
export class RtcstatsIdentity {
  private endpointId?: string;
  private displayName?: string;

  read(identity: unknown): void {
    if (!isJsonObject(identity)) return;
    this.endpointId ??= nonEmptyString(identity.endpointId);
    this.displayName ??= nonEmptyString(identity.displayName);
  }

  participantId(fallback: string): string {
    return this.endpointId ?? this.displayName ?? fallback;
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
