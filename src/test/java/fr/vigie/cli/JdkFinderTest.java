package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/lib/jdk.sh, which the launcher and ./mvnw use to find a JDK >= 21, with fake JDKs. */
class JdkFinderTest {

  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  private Path fakeJdk(String name, String version) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("jvm").resolve(name).resolve("bin"));
    for (String tool : List.of("java", "javac")) {
      Path script = bin.resolve(tool);
      Files.writeString(
          script, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-01-01' >&2\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return bin.getParent();
  }

  private Result find(Map<String, String> env) throws Exception {
    Path script = Path.of("scripts/lib/jdk.sh").toAbsolutePath();
    ProcessBuilder pb = new ProcessBuilder(
        "bash", "-c", ". '" + script + "' && vigie_find_jdk && echo \"$JAVA_HOME\"");
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Test
  void shouldFailWithOneClearLineWhenNoJdk21Exists() throws Exception {
    Path old = fakeJdk("java-17", "17.0.15");

    Result r = find(Map.of(
        "PATH",
        old.resolve("bin") + ":/bin:/usr/bin",
        "JAVA_HOME",
        old.toString(),
        "VIGIE_JVM_DIR",
        dir.resolve("jvm").toString()));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "vigie: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm/*); install one or set JAVA_HOME");
  }

  @Test
  void shouldFallBackToTheNewestInstalledJdk() throws Exception {
    Path old = fakeJdk("java-17", "17.0.15");
    fakeJdk("jdk-21", "21.0.2");
    Path newest = fakeJdk("jdk-25", "25.0.3");

    Result r = find(Map.of(
        "PATH",
        old.resolve("bin") + ":/bin:/usr/bin",
        "VIGIE_JVM_DIR",
        dir.resolve("jvm").toString()));

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(newest.toString());
  }

  @Test
  void shouldPreferJavaHomeWhenItIsRecentEnough() throws Exception {
    Path chosen = fakeJdk("jdk-21", "21.0.2");
    fakeJdk("jdk-25", "25.0.3");

    Result r = find(Map.of(
        "PATH",
        "/bin:/usr/bin",
        "JAVA_HOME",
        chosen.toString(),
        "VIGIE_JVM_DIR",
        dir.resolve("jvm").toString()));

    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(chosen.toString());
  }
}
