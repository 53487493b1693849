package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.net.AddressGuard.Category;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {

  @ParameterizedTest
  @CsvSource({
    // IPv4
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "10.0.0.5, PRIVATE",
    "10.255.255.255, PRIVATE",
    "100.64.0.1, CGNAT",
    "100.127.255.254, CGNAT",
    "100.128.0.1, PUBLIC",
    "127.0.0.1, LOOPBACK",
    "127.1.0.3, LOOPBACK",
    "169.254.169.254, LINK_LOCAL",
    "172.15.255.255, PUBLIC",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "172.32.0.1, PUBLIC",
    "192.0.0.8, RESERVED",
    "192.0.2.10, DOCUMENTATION",
    "192.88.99.1, RESERVED",
    "192.168.1.1, PRIVATE",
    "198.18.0.1, RESERVED",
    "198.19.255.255, RESERVED",
    "198.51.100.7, DOCUMENTATION",
    "203.0.113.7, DOCUMENTATION",
    "224.0.0.251, MULTICAST",
    "239.255.255.250, MULTICAST",
    "240.0.0.1, RESERVED",
    "255.255.255.255, RESERVED",
    "8.8.8.8, PUBLIC",
    "91.198.174.192, PUBLIC",
    "213.186.33.5, PUBLIC",
    // IPv6
    "::, UNSPECIFIED",
    "::1, LOOPBACK",
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:8.8.8.8, PUBLIC",
    "64:ff9b::a00:1, PRIVATE",
    "64:ff9b::808:808, PUBLIC",
    "64:ff9b:1::1, PRIVATE",
    "100::1, RESERVED",
    "2001:db8::1, DOCUMENTATION",
    "2001:0:4136:e378::1, RESERVED",
    "2002:c0a8:0101::1, PRIVATE",
    "2002:0808:0808::1, PUBLIC",
    "3fff::1, DOCUMENTATION",
    "fc00::1, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "fe80::1, LINK_LOCAL",
    "febf::1, LINK_LOCAL",
    "fec0::1, PRIVATE",
    "ff02::1, MULTICAST",
    "::a00:1, RESERVED",
    "4000::1, RESERVED",
    "2a01:cb00::1, PUBLIC",
    "2001:41d0:1:1::1, PUBLIC"
  })
  void shouldClassifySpecialRanges(String address, Category expected) throws Exception {
    assertThat(AddressGuard.classify(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @Test
  void shouldProbeOnlyPublicAddressesByDefault() throws Exception {
    AddressGuard guard = new AddressGuard(false);

    assertThat(guard.mayProbe(InetAddress.getByName("213.186.33.5"))).isTrue();
    assertThat(guard.mayProbe(InetAddress.getByName("10.0.0.5"))).isFalse();
    assertThat(guard.mayProbe(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(guard.mayProbe(InetAddress.getByName("fe80::1"))).isFalse();
  }

  @Test
  void shouldProbeEverythingWithAllowPrivate() throws Exception {
    AddressGuard guard = new AddressGuard(true);

    assertThat(guard.mayProbe(InetAddress.getByName("10.0.0.5"))).isTrue();
    assertThat(guard.mayProbe(InetAddress.getByName("127.0.0.1"))).isTrue();
  }

  @Test
  void shouldProbeOnlyLoopbackInTheTestbedPolicyEvenPublicAddresses() throws Exception {
    AddressGuard guard = new AddressGuard(AddressGuard.Policy.LOOPBACK_ONLY);

    assertThat(guard.mayProbe(InetAddress.getByName("127.1.0.3"))).isTrue();
    assertThat(guard.mayProbe(InetAddress.getByName("::1"))).isTrue();
    assertThat(guard.mayProbe(InetAddress.getByName("10.20.30.40"))).isFalse();
    assertThat(guard.mayProbe(InetAddress.getByName("213.186.33.5"))).isFalse();
  }
}
