import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may go: the one place that says so. The API checks a URL with `checkWebhookUrl`
 * when it is registered or changed; the dispatcher checks it again before every attempt and then
 * checks each address the host name resolves to with `forbiddenAddress` (in the connection's own
 * DNS lookup, so the address checked is the address connected to: a name that re-binds to an
 * internal address after registration is refused).
 */
export interface UrlRules {
  /** In production (NODE_ENV=production) only public https destinations are allowed. */
  production: boolean;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Host names that name cloud metadata services or this machine, whatever they resolve to. */
const FORBIDDEN_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'localhost']);

const FORBIDDEN_V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address (RFC 1918)'],
  ['172.16.0.0', 12, 'a private address (RFC 1918)'],
  ['192.168.0.0', 16, 'a private address (RFC 1918)'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address (RFC 6598)'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata lives at 169.254.169.254)'],
  ['192.0.0.0', 24, 'an IETF protocol address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const FORBIDDEN_V6: readonly [string, number, string][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['fc00::', 7, 'a unique local (private) address (fd00:ec2::254 is the AWS metadata service)'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
];

const blocks = (() => {
  const reasons: { list: BlockList; reason: string }[] = [];
  for (const [address, prefix, reason] of FORBIDDEN_V4) {
    const list = new BlockList();
    list.addSubnet(address, prefix, 'ipv4');
    reasons.push({ list, reason });
  }
  for (const [address, prefix, reason] of FORBIDDEN_V6) {
    const list = new BlockList();
    list.addSubnet(address, prefix, 'ipv6');
    reasons.push({ list, reason });
  }
  return reasons;
})();

/** `::ffff:a.b.c.d` (or its hex form `::ffff:7f00:1`, as URL parsing prints it) is the IPv4 address a.b.c.d. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an IP address is no place for a production webhook, or null when it is a public address. */
export function forbiddenAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return 'not an IP address';
  const v4 = family === 4 ? bare : embeddedIpv4(bare);
  if (v4 !== null) return blocks.find((block) => block.list.check(v4, 'ipv4'))?.reason ?? null;
  return blocks.find((block) => block.list.check(bare, 'ipv6'))?.reason ?? null;
}

/** Whether an IP address is a loopback one (127/8, ::1, or IPv4 loopback mapped into IPv6). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  const v4 = family === 4 ? bare : embeddedIpv4(bare);
  if (v4 !== null) return v4.startsWith('127.');
  return bare === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(bare);
}

/**
 * Checks a webhook URL by its text alone: https (or http to a loopback address outside
 * production), no credentials or fragment, and in production no host that is, or is named as,
 * an internal address. A host name is resolved only at delivery (`forbiddenAddress` on each
 * address), since what it resolves to can change after registration.
 */
export function checkWebhookUrl(text: string, rules: UrlRules): UrlCheck {
  if (text.length === 0 || text.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, reason: `A webhook URL must be 1 to ${MAX_WEBHOOK_URL_LENGTH} characters long.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'The webhook URL is not a valid absolute URL (e.g. https://hooks.example.com/disputes).' };
  }
  // The URL is stored (and sent to) as the parser writes it, and percent-encoding can make it several
  // times longer than typed (each é becomes %C3%A9): the limit holds for what is stored.
  if (url.toString().length > MAX_WEBHOOK_URL_LENGTH) {
    return { ok: false, reason: `A webhook URL must be at most ${MAX_WEBHOOK_URL_LENGTH} characters long once percent-encoded (this one is ${url.toString().length}).` };
  }
  if (url.username || url.password) return { ok: false, reason: 'A webhook URL must not carry a user name or password; authenticate deliveries by their signature.' };
  // An empty fragment (a trailing #) leaves url.hash empty, yet the stored URL keeps the #.
  if (url.hash || url.href.includes('#')) return { ok: false, reason: 'A webhook URL must not have a #fragment.' };
  // The WHATWG parser has already normalised hosts: 2130706433 and 0x7f.1 read as 127.0.0.1, IPv6 in brackets.
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  const literal = isIP(host) !== 0;
  const loopback = literal ? isLoopbackAddress(host) : host === 'localhost' || host.endsWith('.localhost');

  if (url.protocol === 'http:') {
    if (rules.production) return { ok: false, reason: 'A webhook URL must use https in production.' };
    if (!loopback) return { ok: false, reason: 'A webhook URL must use https; plain http is allowed only to a loopback address (127.0.0.1, ::1, localhost) outside production.' };
    return { ok: true, url };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `A webhook URL must use https, not ${url.protocol.replace(/:$/, '')}.` };
  if (!rules.production) return { ok: true, url };

  if (literal) {
    const reason = forbiddenAddress(host);
    if (reason) return { ok: false, reason: `A webhook URL must not point at ${reason} in production.` };
    return { ok: true, url };
  }
  if (FORBIDDEN_HOSTS.has(host) || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local') || !host.includes('.')) {
    return { ok: false, reason: `A webhook URL must name a public host in production; "${host}" is an internal or metadata name.` };
  }
  return { ok: true, url };
}
