package uk.vruhub.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Looks for identifiers in published bytes: every record is serialised as it would be on a topic
 * and searched for each identifier, in the forms it might take (as given, upper case, without
 * spaces, and dates in both feed formats).
 */
public final class Disclosure {

  private Disclosure() {}

  /** The forms an identifier could be found in. */
  public static List<String> forms(String identifier) {
    List<String> out = new ArrayList<>();
    out.add(identifier);
    out.add(identifier.toUpperCase(java.util.Locale.ROOT));
    out.add(identifier.replace(" ", ""));
    if (identifier.matches("\\d{4}-\\d{2}-\\d{2}")) {
      String[] p = identifier.split("-");
      out.add(p[2] + "/" + p[1] + "/" + p[0]);
    }
    return out;
  }

  /** Fails if any identifier, in any of its forms, appears in the bytes of any record or text. */
  public static void assertNoneIn(
      Collection<? extends SpecificRecord> records,
      Collection<String> texts,
      Collection<String> identifiers) {
    List<String> haystacks = new ArrayList<>(texts);
    for (SpecificRecord record : records) {
      if (record != null) {
        haystacks.add(new String(bytes(record), StandardCharsets.ISO_8859_1));
      }
    }
    for (String identifier : identifiers) {
      for (String form : forms(identifier)) {
        for (String haystack : haystacks) {
          assertThat(haystack)
              .as("published bytes must not hold the identifier '%s'", form)
              .doesNotContain(form);
        }
      }
    }
  }

  private static byte[] bytes(SpecificRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
