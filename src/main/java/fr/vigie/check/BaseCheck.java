package fr.vigie.check;

import java.util.List;

/** Holds a check's ids and input type, so that a check class is only its logic. */
public abstract class BaseCheck<O> implements Check<O> {

  private final List<String> ids;
  private final Class<O> input;

  protected BaseCheck(Class<O> input, String... ids) {
    this.ids = List.of(ids);
    this.input = input;
  }

  @Override
  public final List<String> ids() {
    return ids;
  }

  @Override
  public final Class<O> input() {
    return input;
  }
}
