package fr.vigie.report;

/** One finding a row, every cell quoted and neutralised against spreadsheet formulas. */
public final class CsvReport {

  static final String HEADER =
      "scan,insee,commune,status,severity,check,asset,subject,title,evidence,first_seen,key,suppression";

  private CsvReport() {}

  public static String render(ScanReport report) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (ScanReport.CommuneReport c : report.communes()) {
      for (ScanReport.FindingReport f : c.findings()) {
        String[] cells = {
          String.valueOf(report.scan().id()),
          c.insee(),
          c.name(),
          f.status(),
          f.severity(),
          f.check(),
          f.asset(),
          f.subject(),
          f.title(),
          f.evidence(),
          f.firstSeen(),
          f.key(),
          f.suppression()
        };
        for (int i = 0; i < cells.length; i++) {
          csv.append(i == 0 ? "" : ",").append(Escape.csv(cells[i]));
        }
        csv.append("\r\n");
      }
    }
    return csv.toString();
  }
}
