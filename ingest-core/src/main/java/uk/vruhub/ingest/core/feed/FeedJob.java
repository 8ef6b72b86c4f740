package uk.vruhub.ingest.core.feed;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A feed received and spooled to disk, waiting to be processed.
 *
 * @param feedId agency, extract date and the start of the content hash
 * @param extractDate the date the agency says the extract was taken
 * @param sha256 hex SHA-256 of the bytes
 * @param bytes size of the feed
 * @param file where the bytes are spooled
 * @param receivedAt when it arrived
 * @param via how it arrived ({@code http} or {@code drop-folder})
 */
public record FeedJob(
    String feedId,
    LocalDate extractDate,
    String sha256,
    long bytes,
    Path file,
    Instant receivedAt,
    String via) {

  /**
   * The feed id of an agency's extract: {@code <agency>-<extract date>-<16 hex of the SHA-256>}.
   */
  public static String feedId(String agency, LocalDate extractDate, String sha256) {
    return agency.toLowerCase(java.util.Locale.ROOT)
        + "-"
        + extractDate
        + "-"
        + sha256.substring(0, 16);
  }
}
