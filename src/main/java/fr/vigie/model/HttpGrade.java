package fr.vigie.model;

import java.util.List;

/**
 * A host's HTTP grade as computed by {@code check.web.HttpGrading} and stored with the scan.
 *
 * @param score 0 to 115
 * @param penalties the check ids that cost points, with what each cost
 */
public record HttpGrade(String grade, int score, List<String> penalties) {

  public HttpGrade {
    penalties = List.copyOf(penalties);
  }
}
