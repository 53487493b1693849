package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void shouldDrawABarOnATerminalAndPlainLinesElsewhere() {
    Progress bar = new Progress(new PrintWriter(new StringWriter()), true);
    Progress plain = new Progress(new PrintWriter(new StringWriter()), false);

    assertThat(bar.line(250, 1000, System.nanoTime()))
        .startsWith("[######..................] 250/1000 communes, ")
        .contains("hosts/s", "ETA ", "findings c:0 h:0 m:0 l:0 i:0");
    assertThat(plain.line(1000, 1000, System.nanoTime()))
        .startsWith("1000/1000 communes, ")
        .doesNotContain("ETA", "[");
  }
}
