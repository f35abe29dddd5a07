/**
 * Which addresses a watched source may reach: public ones only, unless `SOURCES_ALLOW_HOSTS`
 * names the host or the address. A feed is written by someone else, so its links (and its
 * redirects) must not be able to make the bot read its own machine, the office network or a
 * cloud metadata service. Addresses are checked after DNS resolution, every one a name
 * resolves to, and {@link guardedLookup} hands exactly the checked address to the connection,
 * so a second, different DNS answer (rebinding) can never be what gets connected to.
 */
import dns from "node:dns";
import net from "node:net";
import { SourceError } from "./errors.js";

/** Ranges that are not the public internet, each with the word used in refusals. */
const NON_PUBLIC: readonly { cidr: string; kind: string }[] = [
  { cidr: "0.0.0.0/8", kind: "a 'this network' address" },
  { cidr: "10.0.0.0/8", kind: "a private address" },
  { cidr: "100.64.0.0/10", kind: "a carrier-grade NAT address" },
  { cidr: "127.0.0.0/8", kind: "a loopback address" },
  { cidr: "169.254.0.0/16", kind: "a link-local (cloud metadata) address" },
  { cidr: "172.16.0.0/12", kind: "a private address" },
  { cidr: "192.0.0.0/24", kind: "a reserved address" },
  { cidr: "192.168.0.0/16", kind: "a private address" },
  { cidr: "198.18.0.0/15", kind: "a reserved address" },
  { cidr: "224.0.0.0/4", kind: "a multicast address" },
  { cidr: "240.0.0.0/4", kind: "a reserved address" },
  { cidr: "::/128", kind: "the unspecified address" },
  { cidr: "::1/128", kind: "a loopback address" },
  { cidr: "fc00::/7", kind: "a private (unique local) address" },
  { cidr: "fe80::/10", kind: "a link-local address" },
  { cidr: "ff00::/8", kind: "a multicast address" },
];

const BLOCKED = NON_PUBLIC.map(({ cidr, kind }) => ({ list: blockListOf([cidr]), kind }));

/** IPv4 written inside IPv6 (`::ffff:10.0.0.1`, `::ffff:a00:1`): judged as the IPv4 it carries. */
function embeddedIpv4(address: string): string | undefined {
  const mapped = /^::ffff:(?:0:)?(.+)$/i.exec(address)?.[1];
  if (!mapped) return undefined;
  if (net.isIPv4(mapped)) return mapped;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(mapped);
  if (!hex) return undefined;
  const [hi, lo] = [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** What an address is when it is not public ("a loopback address"), or null for a public one. */
export function nonPublicKind(address: string): string | null {
  const v4 = embeddedIpv4(address);
  const ip = v4 ?? address;
  const family = net.isIPv6(ip) ? "ipv6" : "ipv4";
  for (const { list, kind } of BLOCKED) if (list.check(ip, family)) return kind;
  return null;
}

/** The hosts and address ranges a deployment lets sources reach although they are not public. */
export interface AllowList {
  hosts: ReadonlySet<string>;
  addresses: net.BlockList;
}

/**
 * Builds the allow-list from `SOURCES_ALLOW_HOSTS` entries, already validated by the config:
 * host names (`localhost`, `intranet.example`), addresses (`127.0.0.1`, `::1`) and CIDR
 * ranges (`10.20.0.0/16`).
 */
export function allowListOf(entries: readonly string[]): AllowList {
  const hosts = new Set<string>();
  const ranges: string[] = [];
  for (const entry of entries) {
    const value = entry
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, "");
    if (net.isIP(value) || /^[0-9a-f:.]+\/\d{1,3}$/.test(value)) ranges.push(value);
    else if (value) hosts.add(value);
  }
  return { hosts, addresses: blockListOf(ranges) };
}

function blockListOf(ranges: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const range of ranges) {
    const [ip = "", prefix] = range.split("/");
    const family = net.isIPv6(ip) ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(ip, family);
    else list.addSubnet(ip, Number(prefix), family);
  }
  return list;
}

/** The host name as URLs and the allow-list write it: lower case, IPv6 without brackets. */
export function bareHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, "");
}

/**
 * Refuses `address` (reached for `host`, from `url`) unless it is public or allowed.
 * Throws SourceError `blocked-address`.
 */
export function assertReachable(url: string, host: string, address: string, allow: AllowList): void {
  if (allow.hosts.has(bareHost(host))) return;
  const kind = nonPublicKind(address);
  if (kind === null) return;
  const family = net.isIPv6(address) ? "ipv6" : "ipv4";
  if (allow.addresses.check(address, family)) return;
  const resolved = bareHost(host) === address ? "" : ` resolves to ${address},`;
  throw new SourceError(
    `${url}: refused: ${bareHost(host)}${resolved} ${kind}; watched sources reach only public hosts (SOURCES_ALLOW_HOSTS can allow it)`,
    "blocked-address",
  );
}

/** How names are resolved; injectable so a test can answer for a name without a DNS server. */
export type Resolver = (hostname: string) => Promise<dns.LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for `http.request`: resolves every address of the name, refuses the connection if
 * any of them is not reachable, and answers with exactly those checked addresses.
 */
export function guardedLookup(
  url: string,
  allow: AllowList,
  resolve: Resolver = systemResolver,
): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((addresses) => {
        if (addresses.length === 0) throw new SourceError(`${url}: ${hostname} has no address`, "network");
        for (const { address } of addresses) assertReachable(url, hostname, address, allow);
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0)
          throw new SourceError(`${url}: ${hostname} has no IPv${wanted} address`, "network");
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}
