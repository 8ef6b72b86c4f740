package uk.vruhub.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The rules every hub schema keeps: each field has a {@code doc} and a {@code classification}, and
 * no field can hold a direct identifier. Direct identifiers (names, dates of birth, NHS numbers,
 * UPNs, PNC ids, addresses, postcodes, free text) stay inside the agency's ingest service; a field
 * whose name says it holds one is refused here, whatever its classification claims.
 */
public final class SchemaRules {

  /**
   * Name parts that mean a direct identifier. Matched against the words of a field name split at
   * camel case, digits and underscores, so {@code homePostcode} and {@code nhs_number} are caught
   * and {@code periodStart} is not.
   */
  private static final Set<String> IDENTIFYING_WORDS =
      Set.of(
          "name",
          "names",
          "surname",
          "surnames",
          "forename",
          "forenames",
          "firstname",
          "lastname",
          "middlename",
          "fullname",
          "dob",
          "birth",
          "birthdate",
          "nhs",
          "upn",
          "pnc",
          "uln",
          "chi",
          "address",
          "addresses",
          "street",
          "postcode",
          "postcodes",
          "zip",
          "email",
          "phone",
          "telephone",
          "mobile",
          "text",
          "freetext",
          "description",
          "comment",
          "comments",
          "notes",
          "narrative",
          "easting",
          "northing",
          "latitude",
          "longitude");

  private static final Pattern WORD_BOUNDARY =
      Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|_|-|(?<=[A-Za-z])(?=[0-9])");

  private SchemaRules() {}

  /**
   * Every breach of the rules in a record schema, one readable line each; empty when it keeps them.
   */
  public static List<String> violations(Schema record) {
    List<String> out = new ArrayList<>();
    if (blank(record.getDoc())) {
      out.add(record.getFullName() + ": the record has no doc");
    }
    for (Map.Entry<String, Schema.Field> entry : HubSchemas.fieldsByPath(record).entrySet()) {
      String path = record.getName() + "." + entry.getKey();
      Schema.Field field = entry.getValue();
      if (blank(field.doc())) {
        out.add(path + ": no doc; say what the field holds and where it comes from");
      }
      String label = field.getProp(Classification.PROPERTY);
      if (label == null) {
        out.add(path + ": no classification; add \"classification\": one of " + labels());
      } else if (Classification.of(field).isEmpty()) {
        out.add(path + ": classification '" + label + "' is not one of " + labels());
      }
      for (String word : words(field.name())) {
        if (IDENTIFYING_WORDS.contains(word)) {
          out.add(
              path
                  + ": the name says it holds a direct identifier ('"
                  + word
                  + "'); direct identifiers never leave the ingest service: publish a pseudonym, an"
                  + " area code or an age instead");
          break;
        }
      }
    }
    return out;
  }

  static List<String> words(String fieldName) {
    List<String> out = new ArrayList<>();
    for (String part : WORD_BOUNDARY.split(fieldName)) {
      if (!part.isEmpty()) {
        out.add(part.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static List<String> labels() {
    return java.util.Arrays.stream(Classification.values()).map(Classification::label).toList();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
