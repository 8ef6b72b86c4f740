package uk.vruhub.ingest.core.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of an ingest service, under {@code hub.ingest.*}. Every key is documented in the
 * ingest-core README. File and folder settings are plain paths (absolute, or relative to the
 * working directory).
 *
 * @param maxRejectRate share of rows that may be rejected before the whole feed is refused
 * @param rejectDetails how many rejects (row, column, reason) a feed's status lists in full
 * @param statusRetention how many finished feeds the status API remembers in detail
 * @param policyFile the information-sharing policy in force, stamped on receipts (optional)
 * @param linkage the linkage secret
 * @param geography the postcode directory
 * @param registry the schema registry
 * @param intake HTTP intake
 * @param dropFolder the drop folder (off unless a path is set)
 * @param csv how much of a feed the CSV reader holds at once
 * @param pipeline how a feed's rows are spread over worker threads
 */
@Validated
@ConfigurationProperties("hub.ingest")
public record IngestProperties(
    @NotNull @DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0") Double maxRejectRate,
    @DefaultValue("100") int rejectDetails,
    @DefaultValue("500") int statusRetention,
    String policyFile,
    @Valid @NotNull @DefaultValue Linkage linkage,
    @Valid @NotNull @DefaultValue Geography geography,
    @Valid @NotNull @DefaultValue Registry registry,
    @Valid @NotNull @DefaultValue Intake intake,
    @Valid @NotNull @DefaultValue DropFolder dropFolder,
    @Valid @NotNull @DefaultValue Csv csv,
    @Valid @NotNull @DefaultValue Pipeline pipeline) {

  /**
   * How a feed's rows are spread over worker threads (see {@link
   * uk.vruhub.ingest.core.feed.PipelineSettings}); a feed is still one transaction, sent in row
   * order from one thread.
   *
   * @param workers threads that validate, pseudonymise and encode rows; 0 for one per available
   *     processor
   * @param chunkRows most rows handed to a worker at once
   * @param chunkChars bytes of rows after which a chunk is closed however few its rows
   * @param maxChunksInFlight most chunks read and not yet sent (what bounds a feed's memory); 0 for
   *     four per worker (at least four)
   */
  public record Pipeline(
      @PositiveOrZero @Max(value = 256, message = "must be at most 256") @DefaultValue("0")
          int workers,
      @Positive @Max(value = 100000, message = "must be at most 100000") @DefaultValue("512")
          int chunkRows,
      @Positive @DefaultValue("1048576") int chunkChars,
      @PositiveOrZero @Max(value = 4096, message = "must be at most 4096") @DefaultValue("0")
          int maxChunksInFlight) {

    /** The settings the feed processor runs with, the zeros resolved. */
    public uk.vruhub.ingest.core.feed.PipelineSettings settings() {
      int threads = workers == 0 ? Runtime.getRuntime().availableProcessors() : workers;
      uk.vruhub.ingest.core.feed.PipelineSettings defaults =
          uk.vruhub.ingest.core.feed.PipelineSettings.forWorkers(threads);
      return new uk.vruhub.ingest.core.feed.PipelineSettings(
          threads,
          chunkRows,
          chunkChars,
          maxChunksInFlight == 0 ? defaults.maxChunksInFlight() : maxChunksInFlight);
    }
  }

  /**
   * @param secretFile file holding the linkage secret (else {@code HUB_LINKAGE_SECRET_FILE} or
   *     {@code HUB_LINKAGE_SECRET} from the environment)
   * @param keyId id of the secret, carried by every record
   */
  public record Linkage(String secretFile, @NotBlank @DefaultValue("lk1") String keyId) {}

  /**
   * @param postcodeDirectory ONSPD-layout postcode file; the synthetic sample when unset
   */
  public record Geography(String postcodeDirectory) {}

  /**
   * @param url schema registry URL(s)
   * @param autoRegister register event schemas on first use (the local hub does; production
   *     registers them at release)
   * @param username the registry user this service authenticates as (HTTP basic), e.g. {@code
   *     ingest-police}; none when unset
   * @param passwordFile file holding that user's password; required with a username
   * @param caFile PEM file of the CA an HTTPS registry's certificate chains to; the JVM's trusted
   *     CAs when unset
   */
  public record Registry(
      @NotBlank @DefaultValue("https://localhost:8081") String url,
      @DefaultValue("false") boolean autoRegister,
      String username,
      String passwordFile,
      String caFile) {

    /** Checked at start-up: a user without a password could not authenticate. */
    @AssertTrue(
        message =
            "hub.ingest.registry.username and hub.ingest.registry.password-file go together: set"
                + " both (the file holds the registry user's password) or neither")
    public boolean isPasswordGivenWithUser() {
      return blank(username) == blank(passwordFile);
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }

  /**
   * @param tokenSha256 hex SHA-256 of the agency's bearer token; required
   * @param maxFeedBytes largest feed accepted
   * @param spoolDir where feeds are spooled while processed
   * @param maxSpoolBytes most bytes of feeds held in the spool at once (being received, queued or
   *     processed); a feed that would go past it is refused with 503 and Retry-After
   * @param minFreeDiskBytes free space the spool's disk must keep; a feed that would leave less is
   *     refused with 503 and Retry-After
   * @param maxExtractAge how far in the past an extract date may be
   */
  public record Intake(
      String tokenSha256,
      @Positive @DefaultValue("2147483648") long maxFeedBytes,
      String spoolDir,
      @Positive @DefaultValue("8589934592") long maxSpoolBytes,
      @PositiveOrZero @DefaultValue("1073741824") long minFreeDiskBytes,
      @NotNull @DefaultValue("10y") Period maxExtractAge) {

    /** Checked at start-up: else the largest feed accepted could never be spooled. */
    @AssertTrue(
        message =
            "hub.ingest.intake.max-spool-bytes must be at least hub.ingest.intake.max-feed-bytes:"
                + " a feed is spooled whole before it is processed")
    public boolean isSpoolLargeEnoughForOneFeed() {
      return maxSpoolBytes >= maxFeedBytes;
    }

    /** Checked at start-up: a zero or negative age would refuse every feed. */
    @AssertTrue(
        message =
            "hub.ingest.intake.max-extract-age must be a positive period, e.g. 10y or 18m"
                + " (extract dates older than that are refused)")
    public boolean isExtractAgePositive() {
      return maxExtractAge == null || (!maxExtractAge.isNegative() && !maxExtractAge.isZero());
    }
  }

  /**
   * @param path folder with {@code inbox/}, {@code processed/} and {@code rejected/}; off when
   *     unset
   * @param pollInterval how often the inbox is looked at
   * @param settleTime how long a file must stay unchanged before it is taken (still being copied
   *     otherwise)
   * @param keepExtracts keep each extract, once processed, beside its report in {@code processed/}
   *     or {@code rejected/}; by default it is deleted, so that the hub holds no raw extract longer
   *     than it takes to process it
   */
  public record DropFolder(
      String path,
      @NotNull @DefaultValue("10s") Duration pollInterval,
      @NotNull @DefaultValue("5s") Duration settleTime,
      @DefaultValue("false") boolean keepExtracts) {}

  /**
   * Limits checked on the bytes of a feed as they are read, before the CSV parser buffers them (see
   * {@link uk.vruhub.ingest.core.csv.CsvLimits}). A row is a CSV record: line breaks inside a
   * quoted field count towards it.
   *
   * @param maxRowBytes longest row (header included), in bytes
   * @param maxFieldBytes longest field, in bytes
   * @param maxColumns most fields in the header or any row
   */
  public record Csv(
      @Min(value = 1024, message = "must be at least 1024: no real row is shorter")
          @Max(value = 67108864, message = HELD_WHOLE)
          @DefaultValue("1048576")
          long maxRowBytes,
      @Min(value = 256, message = "must be at least 256: a name or an address can be long")
          @Max(value = 67108864, message = HELD_WHOLE)
          @DefaultValue("65536")
          long maxFieldBytes,
      @Min(value = 1, message = "must be at least the contract's number of columns")
          @Max(value = 100000, message = "must be at most 100000: a row is held in memory whole")
          @DefaultValue("500")
          int maxColumns) {

    private static final String HELD_WHOLE =
        "must be at most 67108864 (64 MiB): a row is held in memory whole while it is read";

    /** Checked at start-up: a field is part of a row. */
    @AssertTrue(
        message =
            "hub.ingest.csv.max-field-bytes must not be more than hub.ingest.csv.max-row-bytes:"
                + " a field is part of a row")
    public boolean isFieldWithinRow() {
      return maxFieldBytes <= maxRowBytes;
    }

    /** The limits the CSV reader applies. */
    public uk.vruhub.ingest.core.csv.CsvLimits limits() {
      return new uk.vruhub.ingest.core.csv.CsvLimits(maxRowBytes, maxFieldBytes, maxColumns);
    }
  }
}
