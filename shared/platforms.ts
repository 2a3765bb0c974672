/**
 * The platforms an office keeps accounts on. Page-role vocabularies (for the roles work, ROLE-1/2)
 * name each platform's own roles; `adminRoles` are those that can manage other users.
 * `multiUser`: each person can have their own user on the account (ROLE-5).
 */
export interface Platform {
  id: string;
  label: string;
  roles: readonly string[];
  adminRoles: readonly string[];
  multiUser: boolean;
}

export const PLATFORMS = [
  { id: 'facebook', label: 'Facebook', roles: ['admin', 'editor', 'moderator', 'advertiser', 'analyst'], adminRoles: ['admin'], multiUser: true },
  { id: 'instagram', label: 'Instagram', roles: ['admin', 'editor', 'moderator', 'advertiser', 'analyst'], adminRoles: ['admin'], multiUser: true },
  { id: 'x', label: 'X', roles: ['owner', 'admin', 'contributor'], adminRoles: ['owner', 'admin'], multiUser: true },
  { id: 'tiktok', label: 'TikTok', roles: ['owner', 'admin', 'operator', 'analyst'], adminRoles: ['owner', 'admin'], multiUser: true },
  { id: 'youtube', label: 'YouTube', roles: ['owner', 'manager', 'editor', 'viewer'], adminRoles: ['owner', 'manager'], multiUser: true },
  { id: 'linkedin', label: 'LinkedIn', roles: ['super_admin', 'content_admin', 'analyst'], adminRoles: ['super_admin'], multiUser: true },
  { id: 'flickr', label: 'Flickr', roles: ['owner'], adminRoles: ['owner'], multiUser: false },
  { id: 'threads', label: 'Threads', roles: ['admin', 'editor'], adminRoles: ['admin'], multiUser: true },
  { id: 'whatsapp_business', label: 'WhatsApp Business', roles: ['admin', 'employee'], adminRoles: ['admin'], multiUser: true },
  { id: 'mailchimp', label: 'Mailchimp', roles: ['owner', 'admin', 'manager', 'author', 'viewer'], adminRoles: ['owner', 'admin'], multiUser: true },
  { id: 'google', label: 'Google (Drive/Workspace)', roles: ['owner', 'manager', 'editor', 'viewer'], adminRoles: ['owner', 'manager'], multiUser: true },
  { id: 'zoom', label: 'Zoom', roles: ['owner', 'admin', 'member'], adminRoles: ['owner', 'admin'], multiUser: true },
  { id: 'institutional_email', label: 'Correo institucional', roles: ['owner', 'delegate'], adminRoles: ['owner'], multiUser: false },
  { id: 'other', label: 'Otra', roles: ['admin', 'editor', 'viewer'], adminRoles: ['admin'], multiUser: false },
] as const satisfies readonly Platform[];

export type PlatformId = (typeof PLATFORMS)[number]['id'];
export const PLATFORM_IDS = PLATFORMS.map((p) => p.id) as [PlatformId, ...PlatformId[]];

export function platformById(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}
