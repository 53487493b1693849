package fr.vigie.check;

/** Holds a check's id and input type, so that a check class is only its logic. */
public abstract class BaseCheck<O> implements Check<O> {

  private final String id;
  private final Class<O> input;

  protected BaseCheck(String id, Class<O> input) {
    this.id = id;
    this.input = input;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Class<O> input() {
    return input;
  }
}
