package fr.vigie.fingerprint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.fingerprint.Detection.Precision;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What vigie knows of each product's versions: branches with their latest release and end of
 * life, versions distributions ship, and versions inside known-exploited ranges. One YAML file
 * a product under {@code fr/vigie/fingerprint/versions/} (their README says the format). Pure:
 * {@link #assess} is given the day to judge at.
 */
public final class VersionIntel {

  /**
   * One branch.
   *
   * @param prefix the branch as a version prefix, or null when {@code from} bounds it
   * @param from the first version of a branch no prefix describes, or null
   * @param latest its newest release, or null when unknown
   * @param eol the day security fixes stopped; {@link LocalDate#MIN} when on an unknown day;
   *     null while maintained
   */
  public record Branch(Version prefix, Version from, Version latest, LocalDate eol) {

    boolean contains(Version v) {
      return prefix != null ? v.within(prefix) : v.compareTo(from) >= 0;
    }

    /** The branch's first possible version, for "older than every branch". */
    Version start() {
      return prefix != null ? prefix : from;
    }

    public String name() {
      return prefix != null ? prefix.toString() : from + "+";
    }

    boolean endedBy(LocalDate day) {
      return eol != null && !eol.isAfter(day);
    }
  }

  /** A range of an exploited vulnerability: {@code from} inclusive (null: any older), {@code before} exclusive. */
  public record Range(Version from, Version before) {}

  public record Exploited(
      String cve, String what, LocalDate kev, String advisory, List<Range> affected) {
    public Exploited {
      affected = List.copyOf(affected);
    }
  }

  /**
   * A version a distribution ships, with the known-exploited CVEs its package fixed (CVE → the
   * package version that fixed it, from the package's own changelog) and how to check the
   * installed package.
   */
  /**
   * A version a distribution ships.
   *
   * @param fixed CVE → the first package version of that distribution that fixed it
   * @param unfixed CVE → why that distribution's package of this version does not carry the fix
   *     (fixed by moving to a newer upstream version, or only in a paid extended support), in
   *     French and English: reports show it in their language
   * @param marker what the server says of its build when it is this package: a regex found in the
   *     distribution suffix ({@code (Debian)}, {@code -1ubuntu2.14}); a group named {@code
   *     revision} is the package version, compared with {@code fixed}
   */
  public record Package(
      Version version,
      String distribution,
      Map<String, String> fixed,
      String check,
      LocalDate supportedUntil,
      Pattern marker,
      Map<String, Note> unfixed) {
    public Package {
      fixed = fixed == null ? Map.of() : Map.copyOf(fixed);
      unfixed = unfixed == null ? Map.of() : Map.copyOf(unfixed);
    }

    public Package(
        Version version,
        String distribution,
        Map<String, String> fixed,
        String check,
        LocalDate supportedUntil) {
      this(version, distribution, fixed, check, supportedUntil, null, Map.of());
    }

    public Package(Version version, String distribution) {
      this(version, distribution, Map.of(), null, null);
    }

    /** Whether a server's distribution suffix says it runs this package. */
    public boolean builds(String suffix) {
      return marker != null && suffix != null && marker.matcher(suffix).find();
    }

    /** The package version the suffix gives, when the marker has a revision group and it matched. */
    public Optional<String> revision(String suffix) {
      if (!builds(suffix)) {
        return Optional.empty();
      }
      Matcher m = marker.matcher(suffix);
      m.find();
      try {
        String r = m.group("revision");
        return r == null || r.isEmpty() ? Optional.empty() : Optional.of(r);
      } catch (IllegalArgumentException noGroup) {
        return Optional.empty();
      }
    }
  }

  public record Product(
      String key,
      String name,
      List<String> sources,
      String policy,
      List<Branch> branches,
      List<Package> packages,
      List<Exploited> exploited,
      String reviewed,
      List<NotListed> notListed) {
    public Product {
      sources = List.copyOf(sources);
      branches = List.copyOf(branches);
      packages = List.copyOf(packages);
      exploited = List.copyOf(exploited);
      notListed = notListed == null ? List.of() : List.copyOf(notListed);
    }

    public Product(
        String key,
        String name,
        List<String> sources,
        String policy,
        List<Branch> branches,
        List<Package> packages,
        List<Exploited> exploited,
        String reviewed) {
      this(key, name, sources, policy, branches, packages, exploited, reviewed, List.of());
    }
  }

  /**
   * What the data says of one detected version.
   *
   * @param branch the branch it belongs to (null when only "older than every branch" is known)
   * @param endOfLife its branch gets no security fixes any more
   * @param outdated an exact version below its branch's latest (never said of a packaged one)
   * @param exploited known-exploited vulnerabilities whose range certainly contains it
   * @param packaged distributions that ship this very version with backported fixes
   */
  public record Assessment(
      Product product,
      Branch branch,
      boolean endOfLife,
      boolean outdated,
      List<Exploited> exploited,
      List<Package> packaged) {}

  private record BranchData(String branch, String from, String latest, Object eol) {}

  private record RangeData(String from, String before) {}

  private record ExploitedData(
      String cve, String what, String kev, String advisory, List<RangeData> affected) {}

  private record PackageData(
      String version,
      String distribution,
      Map<String, String> fixed,
      String check,
      String supportedUntil,
      String marker,
      Map<String, Note> unfixed) {}

  /** A note of the data, said to people: in both languages, or the file is refused. */
  public record Note(String fr, String en) {}

  /** A CVE the data knows of but does not judge by version, and why (checked against CISA KEV by the tests). */
  public record NotListed(String cve, String reason) {}

  private record FileData(
      String product,
      String name,
      List<String> sources,
      String policy,
      List<BranchData> branches,
      List<PackageData> packages,
      List<ExploitedData> exploited,
      List<NotListed> notListed) {}

  private static final String DIR = "/fr/vigie/fingerprint/versions/";
  private static final Pattern REVIEWED = Pattern.compile("(?i)reviewed (\\d{4}-\\d{2}-\\d{2})");
  /** Products judged from service banners rather than web rules (Exim's SMTP greeting). */
  public static final List<String> SERVICE_PRODUCTS = List.of("exim");

  private static final VersionIntel BUILT_IN = loadBuiltIn();

  private final Map<String, Product> products;

  public VersionIntel(Map<String, Product> products) {
    this.products = Map.copyOf(products);
  }

  public static VersionIntel builtIn() {
    return BUILT_IN;
  }

  /**
   * This data with the product files of a folder in place of its own ({@code vigie recheck
   * --versions DIR}: what a data update would change, before it ships). A file that does not
   * parse is refused with its name.
   */
  public VersionIntel with(java.nio.file.Path dir) {
    Map<String, Product> out = new LinkedHashMap<>(products);
    try (var files = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path f :
          files.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
        Product p;
        try {
          p = parse(f.getFileName().toString(), java.nio.file.Files.readString(f));
        } catch (IllegalStateException | IllegalArgumentException e) {
          throw new fr.vigie.UserInputException(e.getMessage(), e);
        }
        out.put(p.key(), p);
      }
    } catch (java.io.IOException e) {
      throw new fr.vigie.UserInputException(
          "cannot read the version data in " + dir + ": " + e.getMessage(), e);
    }
    return new VersionIntel(out);
  }

  public Optional<Product> product(String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(products.get(key));
  }

  public Map<String, Product> products() {
    return products;
  }

  /**
   * The product a service banner names ({@code Exim} from an SMTP greeting), among those judged
   * from banners rather than web rules.
   */
  public Optional<Product> serviceProduct(String bannerProduct) {
    return SERVICE_PRODUCTS.stream()
        .map(products::get)
        .filter(p -> p != null && p.name().equals(bannerProduct))
        .findFirst();
  }

  /** The product keys the rules use, each of which has a file here (tested), and the service ones. */
  private static VersionIntel loadBuiltIn() {
    Map<String, Product> out = new LinkedHashMap<>();
    for (String product : SERVICE_PRODUCTS) {
      out.put(product, parse(product + ".yaml", Rules.text(DIR + product + ".yaml")));
    }
    for (Rules.Technology t : Rules.builtIn().technologies()) {
      if (t.product() != null && !out.containsKey(t.product())) {
        String file = t.product() + ".yaml";
        out.put(t.product(), parse(file, Rules.text(DIR + file)));
      }
    }
    return new VersionIntel(out);
  }

  /** Parses one product file; errors name the file and the entry. */
  public static Product parse(String file, String yaml) {
    FileData d;
    try {
      d = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(yaml, FileData.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (d.product() == null
        || d.name() == null
        || d.branches() == null
        || d.branches().isEmpty()
        || d.sources() == null) {
      throw new IllegalStateException(file + ": product, name, sources and branches are required");
    }
    Matcher m = REVIEWED.matcher(yaml);
    if (!m.find()) {
      throw new IllegalStateException(
          file + ": the header must say when it was reviewed (\"Reviewed YYYY-MM-DD\")");
    }
    List<Branch> branches = new ArrayList<>();
    for (BranchData b : d.branches()) {
      if ((b.branch() == null) == (b.from() == null)) {
        throw new IllegalStateException(
            file + ": a branch has a branch or a from, not both (" + b + ")");
      }
      LocalDate eol = switch (b.eol()) {
        case null -> null;
        case Boolean yes when yes -> LocalDate.MIN;
        case Boolean no -> null;
        default -> date(file, String.valueOf(b.eol()));
      };
      branches.add(new Branch(
          version(file, b.branch()), version(file, b.from()), version(file, b.latest()), eol));
    }
    List<Package> packages = new ArrayList<>();
    for (PackageData p : d.packages() == null ? List.<PackageData>of() : d.packages()) {
      Pattern marker;
      try {
        marker = p.marker() == null ? null : Pattern.compile(p.marker());
      } catch (PatternSyntaxException e) {
        throw new IllegalStateException(
            file + ": package " + p.version() + ": invalid marker: " + e.getDescription(), e);
      }
      if (p.unfixed() != null) {
        for (Map.Entry<String, Note> n : p.unfixed().entrySet()) {
          if (n.getValue() == null
              || n.getValue().fr() == null
              || n.getValue().fr().isBlank()
              || n.getValue().en() == null
              || n.getValue().en().isBlank()) {
            throw new IllegalStateException(file + ": package " + p.version() + ": unfixed "
                + n.getKey() + " needs its fr and en texts");
          }
        }
      }
      packages.add(new Package(
          version(file, p.version()),
          p.distribution(),
          p.fixed(),
          p.check(),
          p.supportedUntil() == null ? null : date(file, p.supportedUntil()),
          marker,
          p.unfixed()));
    }
    List<Exploited> exploited = new ArrayList<>();
    for (ExploitedData e : d.exploited() == null ? List.<ExploitedData>of() : d.exploited()) {
      if (e.cve() == null
          || !e.cve().matches("CVE-\\d{4}-\\d{4,}")
          || e.advisory() == null
          || e.affected() == null
          || e.affected().isEmpty()) {
        throw new IllegalStateException(
            file + ": an exploited entry needs cve, advisory and affected (" + e.cve() + ")");
      }
      List<Range> ranges = new ArrayList<>();
      for (RangeData r : e.affected()) {
        if (r.before() == null) {
          throw new IllegalStateException(file + ": " + e.cve() + ": a range needs before");
        }
        ranges.add(new Range(version(file, r.from()), version(file, r.before())));
      }
      exploited.add(new Exploited(
          e.cve(), e.what(), e.kev() == null ? null : date(file, e.kev()), e.advisory(), ranges));
    }
    for (NotListed n : d.notListed() == null ? List.<NotListed>of() : d.notListed()) {
      if (n.cve() == null || n.reason() == null || n.reason().isBlank()) {
        throw new IllegalStateException(
            file + ": a notListed entry needs cve and reason (" + n.cve() + ")");
      }
    }
    return new Product(
        d.product(),
        d.name(),
        d.sources(),
        d.policy(),
        branches,
        packages,
        exploited,
        m.group(1),
        d.notListed());
  }

  private static Version version(String file, String text) {
    if (text == null) {
      return null;
    }
    Version v = Version.parse(text);
    if (v == null || !v.toString().equals(text.strip())) {
      throw new IllegalStateException(file + ": not a version: " + text);
    }
    return v;
  }

  private static LocalDate date(String file, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(file + ": not a date: " + text, e);
    }
  }

  /** What the data says of a detection on the given day; empty when it says nothing. */
  public Optional<Assessment> assess(Detection d, LocalDate day) {
    Version v = d.judgedVersion();
    Optional<Product> product = product(d.product());
    if (v == null || product.isEmpty()) {
      return Optional.empty();
    }
    Product p = product.get();
    List<Package> packaged = p.packages().stream()
        .filter(k -> k.version().compareTo(v) == 0 && k.version().size() == v.size())
        .toList();
    if (d.precision() == Precision.BRANCH) {
      List<Branch> candidates = p.branches().stream()
          .filter(b -> b.start() != null && (b.start().within(v) || v.within(b.start())))
          .toList();
      if (candidates.isEmpty()) {
        return olderThanAll(p, v)
            ? Optional.of(new Assessment(p, null, true, false, List.of(), packaged))
            : Optional.empty();
      }
      boolean ended = candidates.stream().allMatch(b -> b.endedBy(day));
      Branch newest = candidates.get(0);
      return ended
          ? Optional.of(new Assessment(p, newest, true, false, List.of(), packaged))
          : Optional.empty();
    }
    Branch branch = p.branches().stream().filter(b -> b.contains(v)).findFirst().orElse(null);
    List<Exploited> exploited = p.exploited().stream()
        .filter(e -> e.affected().stream().anyMatch(r -> certainlyIn(v, r)))
        .toList();
    if (branch == null) {
      boolean old = olderThanAll(p, v);
      return old || !exploited.isEmpty()
          ? Optional.of(new Assessment(p, null, old, false, exploited, packaged))
          : Optional.empty();
    }
    boolean eol = branch.endedBy(day);
    boolean outdated = !eol
        && !d.packaged()
        && branch.latest() != null
        && v.compareTo(branch.latest()) < 0
        && !branch.latest().within(v);
    return Optional.of(new Assessment(p, branch, eol, outdated, exploited, packaged));
  }

  private static boolean olderThanAll(Product p, Version v) {
    return p.branches().stream()
        .map(Branch::start)
        .filter(Objects::nonNull)
        .allMatch(s -> v.compareTo(s) < 0 && !v.within(s));
  }

  /**
   * Whether {@code v} is inside the range whatever its missing parts are: {@code 15.1.2106} is not
   * certainly before {@code 15.1.2106.13}.
   */
  static boolean certainlyIn(Version v, Range r) {
    boolean afterStart = r.from() == null || v.compareTo(r.from()) >= 0;
    boolean beforeEnd = v.compareTo(r.before()) < 0 && !r.before().within(v);
    return afterStart && beforeEnd;
  }
}
