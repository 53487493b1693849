package fr.vigie.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an address may be probed. A commune's DNS record pointing at 10.0.0.5 must not
 * make a CSIRT scan its own network: every address outside the public unicast space is recorded
 * but not probed unless the user allowed private targets (tests and the demo, on loopback).
 * Pure and thread-safe.
 */
public final class AddressGuard {

  /** Why an address is, or is not, a public unicast address. */
  public enum Category {
    PUBLIC,
    PRIVATE,
    LOOPBACK,
    LINK_LOCAL,
    CGNAT,
    MULTICAST,
    DOCUMENTATION,
    RESERVED,
    UNSPECIFIED;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private record Range(byte[] prefix, int bits, Category category) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  // IANA special-purpose registries (RFC 6890 and updates); most specific first where nested.
  private static final List<Range> V4 = List.of(
      range("0.0.0.0/8", Category.UNSPECIFIED),
      range("10.0.0.0/8", Category.PRIVATE),
      range("100.64.0.0/10", Category.CGNAT),
      range("127.0.0.0/8", Category.LOOPBACK),
      range("169.254.0.0/16", Category.LINK_LOCAL),
      range("172.16.0.0/12", Category.PRIVATE),
      range("192.0.0.0/24", Category.RESERVED),
      range("192.0.2.0/24", Category.DOCUMENTATION),
      range("192.31.196.0/24", Category.RESERVED),
      range("192.52.193.0/24", Category.RESERVED),
      range("192.88.99.0/24", Category.RESERVED),
      range("192.168.0.0/16", Category.PRIVATE),
      range("192.175.48.0/24", Category.RESERVED),
      range("198.18.0.0/15", Category.RESERVED),
      range("198.51.100.0/24", Category.DOCUMENTATION),
      range("203.0.113.0/24", Category.DOCUMENTATION),
      range("224.0.0.0/4", Category.MULTICAST),
      range("240.0.0.0/4", Category.RESERVED));

  private static final List<Range> V6 = List.of(
      range("::/128", Category.UNSPECIFIED),
      range("::1/128", Category.LOOPBACK),
      range("64:ff9b:1::/48", Category.PRIVATE),
      range("100::/64", Category.RESERVED),
      range("2001:db8::/32", Category.DOCUMENTATION),
      range("2001::/23", Category.RESERVED),
      range("3fff::/20", Category.DOCUMENTATION),
      range("5f00::/16", Category.RESERVED),
      range("fc00::/7", Category.PRIVATE),
      range("fe80::/10", Category.LINK_LOCAL),
      range("fec0::/10", Category.PRIVATE),
      range("ff00::/8", Category.MULTICAST),
      // IPv4-compatible addresses (deprecated) and anything outside 2000::/3 is not routed.
      range("::/96", Category.RESERVED));

  /** Which addresses may be probed. */
  public enum Policy {
    /** Public unicast only: the default for real scans. */
    PUBLIC_ONLY,
    /** Public and every special range ({@code --allow-private}). */
    ALLOW_PRIVATE,
    /**
     * Loopback only, nothing else even if public: the testbed's demo, so that a scenario naming
     * another address can never make the demo connect outside the machine.
     */
    LOOPBACK_ONLY
  }

  private final Policy policy;

  public AddressGuard(Policy policy) {
    this.policy = policy;
  }

  public AddressGuard(boolean allowPrivate) {
    this(allowPrivate ? Policy.ALLOW_PRIVATE : Policy.PUBLIC_ONLY);
  }

  /** True when the scanner may open a connection to this address. */
  public boolean mayProbe(InetAddress address) {
    Category category = classify(address);
    return switch (policy) {
      case PUBLIC_ONLY -> category == Category.PUBLIC;
      case ALLOW_PRIVATE -> true;
      case LOOPBACK_ONLY -> category == Category.LOOPBACK;
    };
  }

  public static Category classify(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return classifyV4(bytes);
    }
    if (address instanceof Inet6Address) {
      // IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4
      // address that is what the packets finally reach.
      if (startsWith(bytes, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff})
          || startsWith(
              bytes, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
        return classifyV4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
      }
      if (bytes[0] == 0x20 && bytes[1] == 0x02) {
        return classifyV4(new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]});
      }
      for (Range r : V6) {
        if (r.contains(bytes)) {
          return r.category();
        }
      }
      // Global unicast is 2000::/3; the rest of the space is unassigned.
      return (bytes[0] & 0xe0) == 0x20 ? Category.PUBLIC : Category.RESERVED;
    }
    return Category.RESERVED;
  }

  private static Category classifyV4(byte[] bytes) {
    for (Range r : V4) {
      if (r.contains(bytes)) {
        return r.category();
      }
    }
    return Category.PUBLIC;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Range range(String cidr, Category category) {
    int slash = cidr.indexOf('/');
    try {
      // Literals only: getByName does no lookup for them.
      byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      if (cidr.contains(":") && prefix.length == 4) {
        // "::/96"-style literals may come back as IPv4; keep them 16 bytes long.
        byte[] v6 = new byte[16];
        System.arraycopy(prefix, 0, v6, 12, 4);
        prefix = v6;
      }
      return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), category);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(cidr, e);
    }
  }
}
