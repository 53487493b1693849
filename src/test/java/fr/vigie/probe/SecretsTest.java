package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void shouldMaskSecretValuesOfEnvFilesAndKeepTheRest() {
    String env =
        "APP_NAME=Mairie\nAPP_KEY=base64:Zm9vYmFy\nDB_HOST=10.0.0.3\nDB_PASSWORD=\"mot de passe\"\nexport AWS_SECRET_ACCESS_KEY=abc\n";

    assertThat(Secrets.redact(env))
        .isEqualTo(
            "APP_NAME=Mairie\nAPP_KEY=********\nDB_HOST=10.0.0.3\nDB_PASSWORD=********\nexport AWS_SECRET_ACCESS_KEY=********\n");
  }

  @Test
  void shouldMaskPhpConfigurationSecrets() {
    String php =
        "<?php\ndefine('DB_PASSWORD', 'hunter2');\ndefine('DB_NAME', 'mairie');\n$db_pass = \"s3cr3t\";\n";

    assertThat(Secrets.redact(php))
        .contains(
            "define('DB_PASSWORD', '********')",
            "define('DB_NAME', '********')",
            "$db_pass = \"********\"")
        .doesNotContain("hunter2", "s3cr3t");
  }

  @Test
  void shouldMaskCredentialsInUrlsXmlAndHtpasswd() {
    assertThat(Secrets.redact("url = https://deploy:ghp_token123@git.exemple.fr/site.git"))
        .isEqualTo("url = https://deploy:********@git.exemple.fr/site.git");
    assertThat(Secrets.redact("<add connectionString=\"Server=db;User=sa;Password=P@ss;\"/>"))
        .doesNotContain("P@ss")
        .contains("Password=********");
    assertThat(Secrets.redact("admin:$apr1$abc$defghijklmnop\n")).isEqualTo("admin:********\n");
  }

  @Test
  void shouldLeaveWhatProvesTheFileIntact() {
    assertThat(Secrets.redact("ref: refs/heads/master\n")).isEqualTo("ref: refs/heads/master\n");
    assertThat(Secrets.redact("[core]\n\trepositoryformatversion = 0\n"))
        .isEqualTo("[core]\n\trepositoryformatversion = 0\n");
    assertThat(Secrets.redact("-- MySQL dump 10.13\nCREATE TABLE `etat_civil`"))
        .isEqualTo("-- MySQL dump 10.13\nCREATE TABLE `etat_civil`");
  }
}
