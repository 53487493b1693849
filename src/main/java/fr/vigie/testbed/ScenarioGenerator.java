package fr.vigie.testbed;

import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
import fr.vigie.testbed.Scenario.Site;
import fr.vigie.testbed.Scenario.ZoneSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * N random communes for benchmarks, the same for the same seed. The mix follows what the
 * etalab list of commune sites showed in December 2022 (shared/data): two thirds of the sites on
 * a few shared hosting addresses, skewed as a region's are (see {@link #hosting}), about one in ten with a certificate problem, one in twenty refusing HTTPS,
 * one in fifty answering every request a second late, HTTP/2 on the shared hosts' front ends and
 * on about a third of the other servers, one commune in six on shared hosting with a name the host
 * no longer serves (its default page and certificate answer), and the usual spread of SPF and
 * DMARC states.
 */
public final class ScenarioGenerator {

  private static final String[] FIRST = {
    "saint",
    "sainte",
    "le",
    "la",
    "les",
    "mont",
    "val",
    "bourg",
    "ville",
    "pont",
    "fontaine",
    "champ"
  };
  private static final String[] SECOND = {
    "martin", "pierre", "marie", "bois", "roche", "moulin", "riviere", "vigne", "lac", "chene",
    "pre", "bel-air"
  };
  private static final String[] THIRD = {
    "", "sur-loire", "sur-mer", "les-bains", "en-vexin", "le-chateau", "d-azur"
  };
  private static final String[] CERTS = {
    "expired", "self-signed", "wrong-host", "expiring-soon", "not-yet-valid"
  };
  private static final int SHARED_ADDRESSES = 8;

  private ScenarioGenerator() {}

  public static Scenario generate(int communes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, String> addresses = new LinkedHashMap<>();
    for (int i = 1; i <= SHARED_ADDRESSES; i++) {
      addresses.put("mutualise-" + i, "127.0.3." + i);
    }
    List<CommuneSpec> specs = new ArrayList<>();
    for (int i = 1; i <= communes; i++) {
      String base =
          FIRST[random.nextInt(FIRST.length)] + "-" + SECOND[random.nextInt(SECOND.length)];
      String third = THIRD[random.nextInt(THIRD.length)];
      String name = base + (third.isEmpty() ? "" : "-" + third);
      String domain = "mairie-" + name + "-" + i + ".test";
      specs.add(commune(random, i, capitalise(name), domain));
    }
    List<ZoneSpec> extra = List.of(new ZoneSpec(
        "messagerie-mutualisee.test",
        List.of(
            "_spf TXT \"v=spf1 include:_spf-a.messagerie-mutualisee.test include:_spf-b.messagerie-mutualisee.test include:_spf-c.messagerie-mutualisee.test include:_spf-d.messagerie-mutualisee.test -all\"",
            "_spf-a TXT \"v=spf1 a mx ip4:192.0.2.0/28 -all\"",
            "_spf-b TXT \"v=spf1 a mx ip4:192.0.2.16/28 -all\"",
            "_spf-c TXT \"v=spf1 a mx ip4:192.0.2.32/28 -all\"",
            "_spf-d TXT \"v=spf1 a mx ip4:192.0.2.48/28 -all\""),
        Map.of("mx1", new HostSpec(null, null, null))));
    return new Scenario(addresses, specs, extra);
  }

  private static CommuneSpec commune(
      SplittableRandom random, int index, String name, String domain) {
    List<String> records = new ArrayList<>();
    Map<String, HostSpec> hosts = new LinkedHashMap<>();
    boolean providerMail = random.nextInt(100) < 40;
    records.add(providerMail ? "@ MX 10 mx1.messagerie-mutualisee.test." : "@ MX 10 mail");
    int spf = random.nextInt(100);
    if (spf < 50) {
      records.add("@ TXT \"v=spf1 mx -all\"");
    } else if (spf < 65) {
      records.add("@ TXT \"v=spf1 a mx ~all\"");
    } else if (spf < 75) {
      records.add("@ TXT \"v=spf1 a mx +all\"");
    } else if (spf < 80) {
      records.add("@ TXT \"v=spf1 mx ?all\"");
    } else if (spf < 85) {
      records.add("@ TXT \"v=spf1 mx -all\"");
      records.add("@ TXT \"v=spf1 a -all\"");
    } else if (spf < 90) {
      records.add("@ TXT \"v=spf1 a mx include:_spf.messagerie-mutualisee.test -all\"");
    }
    int dmarc = random.nextInt(100);
    if (dmarc >= 40 && dmarc < 70) {
      records.add("_dmarc TXT \"v=DMARC1; p=none\"");
    } else if (dmarc >= 70) {
      records.add("_dmarc TXT \"v=DMARC1; p=reject\"");
    }
    if (random.nextInt(100) < 20) {
      records.add("@ CAA 0 issue \"letsencrypt.org\"");
    }
    if (random.nextInt(100) < 5) {
      records.add("ancien CNAME " + domain.replace(".test", "") + ".hebergeur-disparu.test.");
    }
    if (random.nextInt(100) < 3) {
      records.add("* CNAME www");
    }
    String address = hosting(random);
    String host = "www." + domain;
    Site http = new Site(
        null, "https://" + host + "/", null, null, null, null, null, null, null, null, null);
    Site https = null;
    int web = random.nextInt(100);
    // about 2 % of sites answer each request after a second: the slow hosts of a real sweep
    Integer delay = random.nextInt(100) < 2 ? 1000 : null;
    if (web >= 5) {
      String cert = web < 15 ? CERTS[random.nextInt(CERTS.length)] : "valid";
      // Sites run a CMS as communes' sites do, mostly WordPress, often SPIP (a rough share, not a
      // survey): the fingerprint rules then do their real work, version-source requests included.
      int cms = random.nextInt(100);
      String capture = cms < 35
          ? "wordpress-6.1.9"
          : cms < 45 ? "spip-4.1.5" : cms < 50 ? "drupal-10" : cms < 55 ? "joomla-4.2.7" : null;
      String body = capture == null ? "<html><title>" + name + "</title></html>" : null;
      // The big shared hosts' front ends offer HTTP/2, and about a third of the servers of their
      // own (from the commune's number, not the random stream: the rest of the mix stays as it
      // was).
      boolean http2 = address != null || index % 10 < 3;
      https = new Site(
          null,
          null,
          Map.of("Server", "Apache"),
          body,
          null,
          cert,
          null,
          null,
          null,
          null,
          delay,
          capture,
          null,
          http2);
    }
    hosts.put("@", new HostSpec(address, http, null));
    hosts.put("www", new HostSpec(address, http, https));
    if (address != null && index % 6 == 0) {
      // A name left pointing at the shared host, which no longer serves it: the hoster's default
      // page and certificate answer it, the same bytes as for every such name of the address.
      hosts.put("extranet", new HostSpec(address, null, null));
    }
    if (!providerMail) {
      hosts.put("mail", new HostSpec(null, null, null));
    }
    return new CommuneSpec(
        String.format("%05d", 10_000 + index), name, domain, List.of(), records, hosts);
  }

  /**
   * Where a commune's site is hosted, with the skew a regional sweep meets: one shared-hosting
   * address carries about 23 % of the names, the three busiest about 54 %, five smaller shared
   * addresses 3 % each, and the remaining third sits on servers of its own (null: an address of
   * its own). The busiest address's queue is what sets a sweep's pace.
   */
  static String hosting(SplittableRandom random) {
    int r = random.nextInt(100);
    if (r < 23) {
      return "mutualise-1";
    }
    if (r < 40) {
      return "mutualise-2";
    }
    if (r < 54) {
      return "mutualise-3";
    }
    if (r < 69) {
      return "mutualise-" + (4 + (r - 54) / 3);
    }
    return null;
  }

  private static String capitalise(String name) {
    Set<String> small = Set.of("sur", "sous", "les", "le", "la", "en", "d", "de", "du", "mer");
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("-")) {
      boolean first = sb.isEmpty();
      if (!first) {
        sb.append('-');
      }
      sb.append(
          !first && small.contains(part) && !part.equals("mer")
              ? part
              : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return sb.toString();
  }
}
