import { DELIVERY_CHANNELS } from '../../shared/domain';
import type { AppError } from '../../shared/result';

/**
 * POL-6 (Congreso 6.2.7): a password is shared only by institutional e-mail or in person, never by
 * instant messaging. Anything else ("whatsapp", "telegram", "sms") is refused by name.
 */
export function checkDeliveryChannel(channel: string): AppError | null {
  if ((DELIVERY_CHANNELS as readonly string[]).includes(channel)) return null;
  return { code: 'DELIVERY_CHANNEL', rule: 'POL-6', details: { channel } };
}
