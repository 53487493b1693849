package fr.vigie.check;

import java.util.List;

/**
 * A pure function from one kind of observation to findings: no I/O, no clock but one given to
 * its constructor. One check is one class, its test and its catalogue entry.
 *
 * @param <O> the observation type this check reads
 */
public interface Check<O> {

  /** The stable dotted id (the public API of reports, suppressions and CI gates). */
  String id();

  Class<O> input();

  List<Finding> evaluate(O observation);
}
