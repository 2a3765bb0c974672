/**
 * The platforms an office keeps accounts on, each with its own role vocabulary (issue 15: ROLE-1,
 * ROLE-2). `admin`: the role can manage other users or the account itself (ROLE-1 keeps it to the
 * head, the account administrator and the backup administrator). `multiUser`: each person can have
 * their own user on the account instead of its password (ROLE-5).
 */
export interface PlatformRole {
  id: string;
  admin: boolean;
}

export interface Platform {
  id: string;
  label: string;
  roles: readonly PlatformRole[];
  multiUser: boolean;
}

const admin = (id: string): PlatformRole => ({ id, admin: true });
const member = (id: string): PlatformRole => ({ id, admin: false });

/** Meta's Pages (Facebook, Instagram): full control, or partial access by task. */
const META_ROLES = [
  admin('full_control'),
  member('partial_content'),
  member('partial_messages'),
  member('partial_community'),
  member('partial_ads'),
  member('partial_insights'),
];
const GENERIC_ROLES = [admin('admin'), member('editor'), member('analyst'), member('viewer')];

export const PLATFORMS = [
  { id: 'facebook', label: 'Facebook', roles: META_ROLES, multiUser: true },
  { id: 'instagram', label: 'Instagram', roles: META_ROLES, multiUser: true },
  { id: 'x', label: 'X', roles: [admin('owner'), member('delegate')], multiUser: true },
  { id: 'tiktok', label: 'TikTok', roles: [admin('admin'), member('operator'), member('analyst')], multiUser: true },
  { id: 'youtube', label: 'YouTube', roles: [admin('owner'), admin('manager'), member('editor'), member('viewer')], multiUser: true },
  { id: 'linkedin', label: 'LinkedIn', roles: [admin('super_admin'), member('content_admin'), member('analyst'), member('curator')], multiUser: true },
  { id: 'flickr', label: 'Flickr', roles: [admin('owner')], multiUser: false },
  { id: 'threads', label: 'Threads', roles: META_ROLES, multiUser: true },
  { id: 'whatsapp_business', label: 'WhatsApp Business', roles: [admin('admin'), member('employee')], multiUser: true },
  { id: 'mailchimp', label: 'Mailchimp', roles: [admin('owner'), admin('admin'), member('manager'), member('author'), member('viewer')], multiUser: true },
  { id: 'google', label: 'Google (Drive/Workspace)', roles: [admin('owner'), admin('manager'), member('editor'), member('viewer')], multiUser: true },
  { id: 'zoom', label: 'Zoom', roles: [admin('owner'), admin('admin'), member('member')], multiUser: true },
  { id: 'institutional_email', label: 'Correo institucional', roles: [admin('owner'), member('delegate')], multiUser: false },
  { id: 'other', label: 'Otra', roles: GENERIC_ROLES, multiUser: false },
] as const satisfies readonly Platform[];

export type PlatformId = (typeof PLATFORMS)[number]['id'];
export const PLATFORM_IDS = PLATFORMS.map((p) => p.id) as [PlatformId, ...PlatformId[]];

export function platformById(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}

/** A role of a platform's vocabulary, or undefined when the platform has no such role. */
export function platformRole(platformId: string, roleId: string): PlatformRole | undefined {
  return platformById(platformId)?.roles.find((r) => r.id === roleId);
}

/** Every role id of any platform (the renderer words each). */
export const PLATFORM_ROLE_IDS = [...new Set(PLATFORMS.flatMap((p) => p.roles.map((r) => r.id)))];
