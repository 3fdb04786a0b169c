import * as pulumi from "@pulumi/pulumi";
import { MAX_IP_RULES, PRIVATE_DNS_ZONE_ID_PATTERN, PRIVATE_LINK, SUBNET_ID_PATTERN } from "./azure";
import { NetworkArgs, PrivateDnsZoneIds, PublicNetworkAccess } from "./args";
import { checkResourceId } from "./argument-rules";
import { ArgumentProblems, keysOf, optionalInput, readInputString, readRecord, readString, readStringList, reportUnknownKeys } from "./validation";

/**
 * Azure's rules for the `network` argument (docs/azure-facts.md, "Network isolation"), as pure
 * functions over plain values like argument-rules.ts. Values known only at deployment (Outputs)
 * are taken as given.
 */

/** The validated, defaulted `network` argument. */
export interface NetworkSettings {
    publicNetworkAccess: PublicNetworkAccess;
    /** IPv4 addresses and CIDR ranges, as given; empty means no IP rules. */
    allowedIpRanges: string[];
    privateEndpointSubnetId?: pulumi.Input<string>;
    privateDnsZoneIds: PrivateDnsZoneIds;
}

const NETWORK_KEYS = keysOf<NetworkArgs>({ privateEndpointSubnetId: true, privateDnsZoneIds: true, publicNetworkAccess: true, allowedIpRanges: true });
const DNS_ZONE_KEYS = keysOf<PrivateDnsZoneIds>({ cognitiveServices: true, keyVault: true });

/** The `network` argument checked and defaulted; undefined when it is not given (nothing changes then). */
export function checkNetwork(
    problems: ArgumentProblems,
    value: unknown,
    defaults: { publicNetworkAccess: PublicNetworkAccess; allowedIpRanges: readonly string[] },
): NetworkSettings | undefined {
    const network = readRecord(problems, "network", value);
    if (network === undefined) return undefined;
    reportUnknownKeys(problems, "network", network, NETWORK_KEYS);

    const subnetId = readInputString(problems, "network.privateEndpointSubnetId", network.privateEndpointSubnetId);
    checkResourceId(problems, "network.privateEndpointSubnetId", subnetId, SUBNET_ID_PATTERN, "a subnet resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)");
    const privateEndpointSubnetId = optionalInput(network.privateEndpointSubnetId);

    const privateDnsZoneIds = checkDnsZoneIds(problems, network.privateDnsZoneIds);
    if (privateEndpointSubnetId === undefined && Object.keys(privateDnsZoneIds).length > 0) {
        problems.add("network.privateDnsZoneIds", "needs network.privateEndpointSubnetId: the zones hold the addresses of the private endpoints created in that subnet");
    }

    const publicNetworkAccess = checkPublicNetworkAccess(problems, network.publicNetworkAccess, defaults.publicNetworkAccess);
    const allowedIpRanges = checkIpRanges(problems, network.allowedIpRanges) ?? [...defaults.allowedIpRanges];
    if (publicNetworkAccess === PublicNetworkAccess.Disabled) {
        // Azure ignores IP rules once public access is disabled, on the accounts and on the vault alike.
        if (privateEndpointSubnetId === undefined) {
            problems.add(
                "network.publicNetworkAccess",
                '"Disabled" needs network.privateEndpointSubnetId: with public access disabled only private endpoints reach the accounts and the vault ' +
                    "(IP rules are ignored), so nobody could call the Training or Prediction API or read the secrets",
            );
        }
        if (allowedIpRanges.length > 0) {
            problems.add(
                "network.allowedIpRanges",
                'have no effect while publicNetworkAccess is "Disabled": Azure ignores IP rules once public access is disabled; ' +
                    'remove them, or keep publicNetworkAccess "Enabled" to let these networks in',
            );
        }
    }
    return { publicNetworkAccess, allowedIpRanges, privateEndpointSubnetId, privateDnsZoneIds };
}

/** "Enabled" or "Disabled", in any case. */
function checkPublicNetworkAccess(problems: ArgumentProblems, value: unknown, fallback: PublicNetworkAccess): PublicNetworkAccess {
    const given = readString(problems, "network.publicNetworkAccess", value);
    if (given === undefined) return fallback;
    const chosen = Object.values(PublicNetworkAccess).find((choice) => choice.toLowerCase() === given.toLowerCase());
    if (chosen === undefined) {
        problems.add("network.publicNetworkAccess", `"${given}" must be ${Object.values(PublicNetworkAccess).join(" or ")}`);
        return fallback;
    }
    return chosen;
}

/** Each zone id is a private DNS zone, and the one its endpoints register in. */
function checkDnsZoneIds(problems: ArgumentProblems, value: unknown): PrivateDnsZoneIds {
    const zones = readRecord(problems, "network.privateDnsZoneIds", value);
    if (zones === undefined) return {};
    reportUnknownKeys(problems, "network.privateDnsZoneIds", zones, DNS_ZONE_KEYS);
    const checked: PrivateDnsZoneIds = {};
    for (const key of DNS_ZONE_KEYS) {
        const argument = `network.privateDnsZoneIds.${key}`;
        const { dnsZone } = PRIVATE_LINK[key];
        const id = readInputString(problems, argument, zones[key]);
        const match = id === undefined ? null : PRIVATE_DNS_ZONE_ID_PATTERN.exec(id);
        if (id !== undefined && !match) {
            problems.add(argument, `"${id}" is not a private DNS zone resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/${dnsZone})`);
        } else if (match && match[1].toLowerCase() !== dnsZone) {
            problems.add(argument, `"${id}" is the zone ${match[1]}; ${key === "keyVault" ? "the vault's endpoint registers" : "the accounts' endpoints register"} in ${dnsZone}`);
        }
        const input = optionalInput(zones[key]);
        if (input !== undefined) checked[key] = input;
    }
    return checked;
}

/** A list of public IPv4 addresses and CIDR ranges, each as Azure's IP rules take it. */
function checkIpRanges(problems: ArgumentProblems, value: unknown): string[] | undefined {
    const ranges = readStringList(problems, "network.allowedIpRanges", value);
    if (ranges === undefined) return undefined;
    for (const { index, value: range } of ranges) {
        const rule = ipRuleProblem(range);
        if (rule !== undefined) problems.add(`network.allowedIpRanges[${index}]`, `"${range}" ${rule}`);
    }
    if (ranges.length > MAX_IP_RULES) {
        problems.add("network.allowedIpRanges", `has ${ranges.length} entries; an Azure AI services account takes at most ${MAX_IP_RULES} IP rules`);
    }
    return ranges.map((range) => range.value);
}

/** An IPv4 range as numbers: the first address (32-bit, unsigned) and the prefix length. */
interface Ipv4Range {
    first: number;
    prefix: number;
}

/** The private address space (RFC 1918), which Azure refuses in IP rules: private networks come in through the private endpoint. */
const PRIVATE_RANGES: readonly Ipv4Range[] = Object.freeze([
    { first: 0x0a000000, prefix: 8 },
    { first: 0xac100000, prefix: 12 },
    { first: 0xc0a80000, prefix: 16 },
]);

/** What is wrong with `text` as an IP rule, or undefined when Azure takes it. */
export function ipRuleProblem(text: string): string | undefined {
    if (text.includes(":")) return "is an IPv6 address; Azure AI services and Key Vault IP rules take IPv4 only";
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
    const octets = match ? match.slice(1, 5) : [];
    const prefixText = match?.[5];
    const canonical = (part: string, max: number) => String(Number(part)) === part && Number(part) <= max;
    if (!match || !octets.every((octet) => canonical(octet, 255)) || (prefixText !== undefined && !canonical(prefixText, 32))) {
        return "is not an IPv4 address or CIDR range (e.g. 203.0.113.7 or 198.51.100.0/24)";
    }
    const address = octets.reduce((total, octet) => total * 256 + Number(octet), 0);
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefixText !== undefined && prefix >= 31) {
        return `is a /${prefix} range, which Azure AI services refuse; write ${prefix === 32 ? "the address alone" : "its two addresses one by one"} (${hostsOf(address, prefix).join(", ")})`;
    }
    const first = firstAddress(address, prefix);
    if (first !== address) return `has host bits set: ${formatIpv4(first)}/${prefix} is the range it lies in`;
    if (PRIVATE_RANGES.some((reserved) => overlaps({ first, prefix }, reserved))) {
        return "includes private (RFC 1918) addresses, which IP rules refuse; networks of your own reach the accounts and the vault through the private endpoint";
    }
    return undefined;
}

/** The first address of the `prefix`-bit network holding `address`. */
function firstAddress(address: number, prefix: number): number {
    const size = 2 ** (32 - prefix);
    return Math.floor(address / size) * size;
}

function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
    const last = (range: Ipv4Range) => range.first + 2 ** (32 - range.prefix) - 1;
    return a.first <= last(b) && b.first <= last(a);
}

/** The addresses of a /31 or /32 network. */
function hostsOf(address: number, prefix: number): string[] {
    const first = firstAddress(address, prefix);
    return prefix === 32 ? [formatIpv4(address)] : [formatIpv4(first), formatIpv4(first + 1)];
}

function formatIpv4(address: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}
