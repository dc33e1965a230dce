/**
 * Workspace-wide settings, one `WorkspaceSetting` row per key (the key is the setting's name, the value its JSON),
 * with defaults for keys never set. A stored value of the wrong type falls back to the default.
 */
import type { Prisma } from '../db/client.js';

export interface WorkspaceSettings {
  reportingCurrency: string;
  reviewMonthlyCapacity: number;
  intelReminderDays: number;
  intelExpiryDays: number;
}

export const WORKSPACE_SETTING_DEFAULTS: Readonly<WorkspaceSettings> = {
  reportingCurrency: 'EUR',
  reviewMonthlyCapacity: 20,
  intelReminderDays: 3,
  intelExpiryDays: 14,
};

export async function readWorkspaceSettings(prisma: Pick<Prisma, 'workspaceSetting'>): Promise<WorkspaceSettings> {
  const rows = await prisma.workspaceSetting.findMany({ where: { key: { in: Object.keys(WORKSPACE_SETTING_DEFAULTS) } } });
  const settings: WorkspaceSettings = { ...WORKSPACE_SETTING_DEFAULTS };
  for (const row of rows) {
    const key = row.key as keyof WorkspaceSettings;
    if (typeof row.value === typeof WORKSPACE_SETTING_DEFAULTS[key]) (settings as unknown as Record<string, unknown>)[key] = row.value;
  }
  return settings;
}
