package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.report.Words;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void shouldDrawABarOnATerminalAndPlainLinesElsewhere() {
    Words en = Words.of(Lang.EN);
    Progress bar = new Progress(new PrintWriter(new StringWriter()), en, true);
    Progress plain = new Progress(new PrintWriter(new StringWriter()), en, false);

    assertThat(bar.line(250, 1000, System.nanoTime()))
        .startsWith("[######..................] 250/1000 communes, ")
        .contains("hosts/s", "ETA ", "findings c:0 h:0 m:0 l:0 i:0");
    assertThat(plain.line(1000, 1000, System.nanoTime()))
        .startsWith("1000/1000 communes, ")
        .doesNotContain("ETA", "[");
  }

  @Test
  void shouldSpeakTheReportLanguage() {
    Progress fr = new Progress(new PrintWriter(new StringWriter()), Words.of(Lang.FR), false);

    assertThat(fr.line(250, 1000, System.nanoTime()))
        .startsWith("250/1000 communes, ")
        .contains("hôtes/s", ", reste ", "constats c:0 é:0 m:0 f:0 i:0")
        .doesNotContain("hosts", "ETA", "findings");
  }
}
