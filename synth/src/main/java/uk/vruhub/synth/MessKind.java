package uk.vruhub.synth;

/**
 * The kinds of mess a row can carry, as {@code truth/records.csv} names them (column {@code mess},
 * separated by semicolons). {@link SynthSettings.Mess} has their rates.
 */
public enum MessKind {
  SURNAME_TYPO,
  NICKNAME,
  NICKNAME_UNLISTED,
  DOB_SWAP,
  DOB_TRANSPOSITION,
  BARREL_SWAPPED,
  BARREL_HALF,
  BARREL_SPACED,
  ASCII_FOLDED,
  MIDDLE_NAMES,
  MIDDLE_INITIAL,
  MIDDLE_AS_FORENAME,
  MOVED,
  OLD_POSTCODE,
  MISSING_POSTCODE,
  MISSING_SEX,
  MISSING_NHS_NUMBER,
  DUPLICATE_NOMINAL
}
