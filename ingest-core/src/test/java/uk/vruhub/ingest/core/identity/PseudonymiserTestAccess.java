package uk.vruhub.ingest.core.identity;

/** The test linkage secret's pseudonymiser, for tests in other packages. */
public final class PseudonymiserTestAccess {

  private PseudonymiserTestAccess() {}

  public static Pseudonymiser pseudonymiser() {
    return new Pseudonymiser(PseudonymiserTest.SECRET);
  }
}
