import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { DomainError, notFound } from '../common/domain-error';
import { AlertSettingsRepository } from '../storage/repositories';
import type { AlertSettingsResponse } from './alerts.dto';
import {
  effectiveThresholds,
  validateThresholdOverrides,
  type AlertThresholdOverrides,
  type AlertThresholds,
} from './rules/alert-thresholds';

/** Each organisation's alert thresholds: the defaults of PRODUCT.md with its overrides. */
@Injectable()
export class AlertSettingsService {
  private readonly changed = new Subject<string>();
  /** Ids of organisations whose settings changed, so live sessions can take them up. */
  readonly changes$: Observable<string> = this.changed.asObservable();

  constructor(private readonly settings: AlertSettingsRepository) {}

  async get(organisationId: string): Promise<AlertSettingsResponse> {
    const overrides = await this.settings.findByOrganisation(organisationId);
    if (overrides === undefined) throw notFound('Organisation');
    return settingsResponse(organisationId, overrides ?? {});
  }

  /** Replaces the organisation's overrides (`{}` restores the defaults); live sessions switch at once. */
  async replace(organisationId: string, overrides: unknown): Promise<AlertSettingsResponse> {
    const problems = validateThresholdOverrides(overrides);
    if (problems.length > 0) throw new DomainError('invalid-input', 'The alert settings are not valid', problems);
    const valid = overrides as AlertThresholdOverrides;
    const stored = Object.keys(valid).length === 0 ? null : (valid as Record<string, number>);
    if (!(await this.settings.saveForOrganisation(organisationId, stored))) throw notFound('Organisation');
    this.changed.next(organisationId);
    return settingsResponse(organisationId, valid);
  }

  /** The thresholds for a session: its organisation's. */
  async forSession(sessionId: string): Promise<AlertThresholds> {
    return effectiveThresholds(await this.settings.findBySession(sessionId));
  }
}

function settingsResponse(organisationId: string, overrides: AlertThresholdOverrides): AlertSettingsResponse {
  return { organisationId, overrides, effective: effectiveThresholds(overrides) };
}
