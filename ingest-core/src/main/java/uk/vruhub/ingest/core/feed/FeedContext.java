package uk.vruhub.ingest.core.feed;

import java.time.LocalDate;
import java.util.List;
import uk.vruhub.avro.common.Area;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.common.SimilarityEncoding;
import uk.vruhub.ingest.core.geo.PostcodeDirectory;
import uk.vruhub.ingest.core.identity.Identity;
import uk.vruhub.ingest.core.identity.Pseudonymiser;

/**
 * What an agency's mapping needs to turn a row into an event: the feed's identity, the
 * pseudonymiser and the geography.
 */
public final class FeedContext {

  private final String feedId;
  private final LocalDate extractDate;
  private final Pseudonymiser pseudonymiser;
  private final PostcodeDirectory geography;

  public FeedContext(
      String feedId,
      LocalDate extractDate,
      Pseudonymiser pseudonymiser,
      PostcodeDirectory geography) {
    this.feedId = feedId;
    this.extractDate = extractDate;
    this.pseudonymiser = pseudonymiser;
    this.geography = geography;
  }

  public String feedId() {
    return feedId;
  }

  public LocalDate extractDate() {
    return extractDate;
  }

  public String linkageKeyId() {
    return pseudonymiser.keyId();
  }

  public Pseudonymiser pseudonymiser() {
    return pseudonymiser;
  }

  /** The person's match keys. */
  public List<MatchKey> matchKeys(Identity identity) {
    return pseudonymiser.matchKeys(identity);
  }

  /** The person's similarity encodings, or null when there is too little identity to encode. */
  public SimilarityEncoding similarity(Identity identity) {
    return pseudonymiser.similarity(identity);
  }

  /** Areas of a postcode in standard form; null when unknown or when the postcode is null. */
  public Area areaOfPostcode(String postcode) {
    return postcode == null ? null : geography.byPostcode(postcode);
  }

  /** Areas of an LSOA code; a code the directory does not know keeps only the LSOA. */
  public Area areaOfLsoa(String lsoa) {
    if (lsoa == null) {
      return null;
    }
    Area known = geography.byLsoa(lsoa);
    return known != null ? known : Area.newBuilder().setLsoa(lsoa).build();
  }

  /** Areas nearest a grid reference, or null. */
  public Area areaOfGridReference(Integer easting, Integer northing) {
    return easting == null || northing == null
        ? null
        : geography.byGridReference(easting, northing);
  }

  /** Sex codes of the three feeds (M/1, F/2, I/9, U/X) as the schema's enum. */
  public static Sex sex(String code) {
    if (code == null) {
      return Sex.UNKNOWN;
    }
    return switch (code) {
      case "M", "1" -> Sex.MALE;
      case "F", "2" -> Sex.FEMALE;
      case "I", "9" -> Sex.INDETERMINATE;
      default -> Sex.UNKNOWN;
    };
  }

  /** The sex code used in match keys: M, F, or U for anything else. */
  public static String sexForMatching(String code) {
    Sex sex = sex(code);
    return sex == Sex.MALE ? "M" : sex == Sex.FEMALE ? "F" : "U";
  }
}
