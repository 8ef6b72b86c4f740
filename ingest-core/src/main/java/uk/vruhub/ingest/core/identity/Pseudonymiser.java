package uk.vruhub.ingest.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.vruhub.avro.common.MatchKey;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.common.SimilarityEncoding;
import uk.vruhub.ingest.core.validate.Identifiers;

/**
 * Keyed pseudonyms, made with HMAC-SHA256 under the linkage secret: match keys of a person
 * (ONS-style combinations of normalised identity items, plus the agency-native ids) and record
 * pseudonyms of an agency's own references. Each kind has its own prefix inside the HMAC, so a
 * match key can never equal a record pseudonym. Thread-safe.
 */
public final class Pseudonymiser {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final LinkageSecret secret;
  private final ThreadLocal<Mac> mac;
  private final SimilarityEncoder similarity;

  public Pseudonymiser(LinkageSecret secret) {
    this(secret, Pseudonymiser::hmacSha256);
  }

  /**
   * A pseudonymiser whose HMACs come from {@code macs}, one per thread, each initialised with the
   * secret; for tests that count them.
   */
  Pseudonymiser(LinkageSecret secret, java.util.function.Function<byte[], Mac> macs) {
    this.secret = secret;
    this.mac = ThreadLocal.withInitial(() -> macs.apply(secret.bytes()));
    this.similarity = new SimilarityEncoder(secret);
  }

  /** A fresh HMAC-SHA256 under {@code key} (a Mac is not thread-safe: one per thread). */
  static Mac hmacSha256(byte[] key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  public String keyId() {
    return secret.keyId();
  }

  /** A record pseudonym of an agency's own reference (parts joined unambiguously). */
  public String recordPseudonym(String agency, String... referenceParts) {
    StringBuilder text = new StringBuilder("record|").append(agency);
    for (String part : referenceParts) {
      text.append('|').append(part == null ? "" : reference(part));
    }
    return hash(text.toString());
  }

  /**
   * Every match key the identity supports. Combinations with a missing item are skipped, so a
   * record with no date of birth links only through its native ids.
   *
   * <ul>
   *   <li>FULLNAME_DOB_SEX: first forename (canonical) + surname + date of birth + sex (M or F)
   *   <li>INITIAL_SURNAME_DOB: forename initial + surname + date of birth
   *   <li>FORENAME_DOB_DISTRICT: first forename + date of birth + home postcode district
   *   <li>SURNAME_DOB_DISTRICT: surname + date of birth + home postcode district
   *   <li>NHS_NUMBER, UPN, PNC_ID: the agency-native ids
   *   <li>POLICE_NOMINAL: the force's nominal id (trimmed, upper case), which links a person's
   *       crimes within the force; a force that records a person twice gives two
   * </ul>
   */
  public List<MatchKey> matchKeys(Identity identity) {
    List<MatchKey> keys = new ArrayList<>(8);
    String forename = NameNormaliser.firstForename(identity.forenames());
    String surname = NameNormaliser.name(identity.surname());
    LocalDate dateOfBirth = identity.dateOfBirth();
    String dob = dateOfBirth == null ? null : dateOfBirth.toString();
    String district =
        identity.homePostcode() == null ? null : Identifiers.district(identity.homePostcode());
    String sex = "M".equals(identity.sex()) || "F".equals(identity.sex()) ? identity.sex() : null;
    if (dob != null && !surname.isEmpty()) {
      if (!forename.isEmpty() && sex != null) {
        keys.add(key(MatchKeyScheme.FULLNAME_DOB_SEX, forename, surname, dob, sex));
      }
      if (!forename.isEmpty()) {
        keys.add(key(MatchKeyScheme.INITIAL_SURNAME_DOB, forename.substring(0, 1), surname, dob));
      }
      if (district != null) {
        keys.add(key(MatchKeyScheme.SURNAME_DOB_DISTRICT, surname, dob, district));
      }
    }
    if (dob != null && !forename.isEmpty() && district != null) {
      keys.add(key(MatchKeyScheme.FORENAME_DOB_DISTRICT, forename, dob, district));
    }
    if (identity.nhsNumber() != null) {
      keys.add(key(MatchKeyScheme.NHS_NUMBER, identity.nhsNumber()));
    }
    if (identity.upn() != null) {
      keys.add(key(MatchKeyScheme.UPN, identity.upn()));
    }
    if (identity.pncId() != null) {
      keys.add(key(MatchKeyScheme.PNC_ID, identity.pncId()));
    }
    if (identity.policeNominal() != null && !identity.policeNominal().isBlank()) {
      keys.add(key(MatchKeyScheme.POLICE_NOMINAL, reference(identity.policeNominal())));
    }
    return keys;
  }

  /**
   * The identity's similarity encodings ({@link SimilarityEncoder}, under a key derived from the
   * same secret), or null when it has nothing to encode.
   */
  public SimilarityEncoding similarity(Identity identity) {
    return similarity.encode(identity);
  }

  /** An agency's own reference as its keys hash it: trimmed, in upper case. */
  private static String reference(String value) {
    return value.trim().toUpperCase(java.util.Locale.ROOT);
  }

  private MatchKey key(MatchKeyScheme scheme, String... parts) {
    StringBuilder text = new StringBuilder(64).append("match|").append(scheme.name());
    for (String part : parts) {
      text.append('|').append(part);
    }
    // The constructor rather than the builder: a row makes up to eight, and the builder checks
    // and copies each field again.
    return new MatchKey(scheme, hash(text.toString()));
  }

  private String hash(String text) {
    return BASE64URL.encodeToString(mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
