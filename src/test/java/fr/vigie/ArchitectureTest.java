package fr.vigie;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layering of README's layout section, enforced on the main classes: a change that breaks
 * it fails the build with the offending dependency named, instead of leaking quietly.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("fr.vigie");

  private static String pkg(String name) {
    return "fr.vigie." + name + "..";
  }

  private static void check(ArchRule rule) {
    rule.check(MAIN);
  }

  @Test
  void observationsAndTheModelAreNeutral() {
    check(noClasses()
        .that()
        .resideInAnyPackage(pkg("observation"), pkg("model"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("net"),
            pkg("probe"),
            pkg("discovery"),
            pkg("check"),
            pkg("store"),
            pkg("diff"),
            pkg("engine"),
            pkg("report"),
            pkg("cli"),
            pkg("testbed"))
        .because("observations and findings are the values every layer passes around"));
  }

  @Test
  void checksArePureFunctionsOfObservations() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("check"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("net"),
            pkg("probe"),
            pkg("discovery"),
            pkg("store"),
            pkg("diff"),
            pkg("engine"),
            pkg("report"),
            pkg("cli"),
            pkg("testbed"))
        .because("a check reads observations and says findings: no I/O, no storage, no rendering"));
  }

  @Test
  void fingerprintingReadsObservationsOnly() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("fingerprint"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("net"),
            pkg("probe"),
            pkg("check"),
            pkg("store"),
            pkg("diff"),
            pkg("engine"),
            pkg("report"),
            pkg("cli")));
  }

  @Test
  void probesNeverDecide() {
    check(noClasses()
        .that()
        .resideInAnyPackage(pkg("probe"), pkg("net"), pkg("discovery"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("check"), pkg("store"), pkg("diff"), pkg("engine"), pkg("report"), pkg("cli"))
        .because("probes record what they saw; the checks decide what it means"));
  }

  @Test
  void theStoreOnlyStores() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("store"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("check"),
            pkg("diff"),
            pkg("report"),
            pkg("engine"),
            pkg("cli"),
            pkg("probe"),
            pkg("net"),
            pkg("discovery"))
        .because("grades and snapshots are decided by checks and the diff, and stored as values"));
  }

  @Test
  void theDiffNeitherScansNorRenders() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("diff"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg("report"), pkg("engine"), pkg("cli"), pkg("probe"), pkg("net")));
  }

  @Test
  void theEngineRendersNothing() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("engine"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg("report"), pkg("cli"))
        .because("reports are built from the store, by the CLI, after the scan"));
  }

  @Test
  void reportsReadTheStoreAndNeverScan() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("report"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg("engine"), pkg("cli"), pkg("probe"), pkg("net"), pkg("discovery")));
  }

  @Test
  void nothingBelowTheCommandsSendsAlerts() {
    check(noClasses()
        .that()
        .resideInAnyPackage(
            pkg("net"),
            pkg("probe"),
            pkg("discovery"),
            pkg("check"),
            pkg("store"),
            pkg("diff"),
            pkg("engine"),
            pkg("report"),
            pkg("testbed"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(pkg("alert"))
        .because("a night's alerts are decided from the stored report, after the scan"));
  }

  @Test
  void theTestbedIsIndependentOfTheScanner() {
    check(noClasses()
        .that()
        .resideInAPackage(pkg("testbed"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            pkg("engine"), pkg("check"), pkg("store"), pkg("diff"), pkg("report"), pkg("cli"))
        .because("the simulated communes must not know what the scanner will conclude"));
  }

  // inventory uses OkHttp's URL parser only to put host names in canonical form (IDN); alert posts
  // to the webhooks and Matrix rooms the operator configured, never to a scan target.
  @Test
  void onlyTheProbesSpeakHttpOrTls() {
    check(noClasses()
        .that()
        .resideOutsideOfPackages(
            pkg("probe"), pkg("net"), pkg("testbed"), pkg("inventory"), pkg("alert"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "org.bouncycastle.tls..")
        .because("the engine receives its probes behind Probes' interfaces: fakes in tests"));
  }

  @Test
  void onlyTheTestbedServesWithMockWebServer() {
    check(noClasses()
        .that()
        .resideOutsideOfPackage(pkg("testbed"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("mockwebserver3..")
        .because("it is a compile dependency for the testbed's HTTP/2 front ends only"));
  }

  @Test
  void noPackageCycles() {
    check(slices().matching("fr.vigie.(*)..").should().beFreeOfCycles());
  }
}
