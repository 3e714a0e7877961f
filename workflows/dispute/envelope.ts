import type { CommandEnvelope } from '../../libs/contracts/src';
import { COMMAND_TYPES, ROLES } from '../../libs/domain/src';


/**
 * Updates and signals can be sent by hand (the temporal CLI), so their outer shape is checked
 * before the domain sees them; the domain then checks the data.
 */
export function isCommandEnvelope(value: unknown): value is CommandEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const { command, commandId } = value as { command?: unknown; commandId?: unknown };
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 300) return false;
  if (typeof command !== 'object' || command === null) return false;
  const { type, actor, data } = command as { type?: unknown; actor?: unknown; data?: unknown };
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) return false;
  if (typeof data !== 'object' || data === null) return false;
  if (typeof actor !== 'object' || actor === null) return false;
  const { role, id } = actor as { role?: unknown; id?: unknown };
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role) && typeof id === 'string' && id.length > 0 && id.length <= 200;
}
