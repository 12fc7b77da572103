import type { ApiClient } from '../support/api-client';

/**
 * Overrides the alert thresholds of the session's organisation, so an alert that needs minutes
 * in a real session happens within seconds. Alert settings are read when a session starts:
 * call this before starting it.
 */
export async function overrideAlertSettings(
  baseUrl: string,
  adminToken: string,
  admin: ApiClient,
  sessionId: string,
  overrides: Record<string, number>,
): Promise<void> {
  const session = await admin.get<{ groupId: string }>(`/api/v1/sessions/${sessionId}`);
  const groups = await admin.get<{ id: string; organisationId: string }[]>('/api/v1/groups');
  const organisationId = groups.body.find((group) => group.id === session.body.groupId)?.organisationId;
  if (!organisationId) throw new Error('the session’s organisation was not found');
  const response = await fetch(`${baseUrl}/api/v1/organisations/${organisationId}/alert-settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(overrides),
  });
  if (response.status !== 200) throw new Error(`alert settings: HTTP ${response.status} ${await response.text()}`);
}
