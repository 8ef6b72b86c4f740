package uk.vruhub.ingest.core.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.feed.FeedState;
import uk.vruhub.ingest.core.feed.FeedStatus;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * For systems that can only copy files: a feed copied into {@code inbox/} is taken once it has
 * stopped changing and processed like an HTTP feed; a JSON report of its status is then written to
 * {@code processed/} (published or duplicate) or {@code rejected/} (refused or failed), and the
 * extract itself is deleted, so the hub keeps no raw extract once it is processed (with {@code
 * keep-extracts} it is moved beside its report instead). The file name gives the extract date:
 * {@code <agency>-<yyyy-MM-dd>[-anything].csv}, refused like an HTTP feed's when it is in the
 * future or too old. A file the service cannot take yet (its queue, spool or disk full) stays in
 * the inbox and is tried again. Files ending {@code .part} or {@code .tmp}, and hidden files, are
 * left alone while they are being written.
 */
public final class DropFolder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DropFolder.class);

  private final String agency;
  private final FeedService feeds;
  private final Path inbox;
  private final Path processed;
  private final Path rejected;
  private final Duration settle;
  private final boolean keepExtracts;
  private final Clock clock;
  private final Pattern name;
  private final Map<Path, Seen> seen = new HashMap<>();
  private final ScheduledExecutorService scheduler;
  private final JsonMapper json =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private record Seen(long size, Instant modified, Instant since) {}

  public DropFolder(
      String agency,
      FeedService feeds,
      Path root,
      Duration pollInterval,
      Duration settle,
      boolean keepExtracts,
      Clock clock)
      throws IOException {
    this.agency = agency.toLowerCase(Locale.ROOT);
    this.feeds = feeds;
    this.inbox = Files.createDirectories(root.resolve("inbox"));
    this.processed = Files.createDirectories(root.resolve("processed"));
    this.rejected = Files.createDirectories(root.resolve("rejected"));
    this.settle = settle;
    this.keepExtracts = keepExtracts;
    this.clock = clock;
    this.name =
        Pattern.compile(
            "^" + Pattern.quote(this.agency) + "-(\\d{4}-\\d{2}-\\d{2})(?:-[^/]*)?\\.csv$",
            Pattern.CASE_INSENSITIVE);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "drop-folder-" + this.agency));
    scheduler.scheduleWithFixedDelay(
        this::pollSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("Watching drop folder {} for {} feeds", inbox, this.agency);
  }

  private void pollSafely() {
    try {
      poll();
    } catch (IOException | RuntimeException e) {
      log.error("Drop folder {}: {}", inbox, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One look at the inbox: takes every file that has settled. */
  void poll() throws IOException, InterruptedException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(inbox)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> !ignored(p.getFileName().toString()))
              .sorted()
              .toList();
    }
    seen.keySet().retainAll(files);
    Instant now = clock.instant();
    for (Path file : files) {
      long size = Files.size(file);
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      Seen before = seen.get(file);
      if (before == null || before.size() != size || !before.modified().equals(modified)) {
        seen.put(file, new Seen(size, modified, now));
        if (!settle.isZero()) {
          continue;
        }
      } else if (Duration.between(before.since(), now).compareTo(settle) < 0) {
        continue;
      }
      seen.remove(file);
      take(file);
    }
  }

  private static boolean ignored(String fileName) {
    return fileName.startsWith(".") || fileName.endsWith(".part") || fileName.endsWith(".tmp");
  }

  private void take(Path file) throws IOException, InterruptedException {
    String fileName = file.getFileName().toString();
    Matcher m = name.matcher(fileName);
    LocalDate extractDate =
        m.matches() ? uk.vruhub.ingest.core.validate.RowValidator.date(m.group(1)) : null;
    if (extractDate == null) {
      done(
          file,
          rejected,
          Map.of(
              "state",
              "REJECTED",
              "message",
              "The file name must be "
                  + agency
                  + "-<yyyy-MM-dd>.csv (the extract date), e.g. "
                  + agency
                  + "-2026-03-31.csv."));
      return;
    }
    FeedStatus.Snapshot status;
    try (InputStream in = Files.newInputStream(file)) {
      status = feeds.submit(in, extractDate, "drop-folder");
    } catch (FeedService.BusyException e) {
      // Not the file's fault: it stays in the inbox, to be taken once it has settled again.
      log.warn("Drop folder: {} left in the inbox for now: {}", fileName, e.getMessage());
      return;
    } catch (FeedRefusedException | FeedService.FeedTooLargeException e) {
      String reason =
          e instanceof FeedRefusedException refused ? refused.reason() : "FEED_TOO_LARGE";
      done(
          file, rejected, Map.of("state", "REJECTED", "reason", reason, "message", e.getMessage()));
      return;
    } catch (RuntimeException e) {
      log.error("Drop folder: {} could not be taken: {}", fileName, e.toString());
      done(
          file,
          rejected,
          Map.of(
              "state",
              "FAILED",
              "message",
              "The service could not take the file ("
                  + e.getClass().getSimpleName()
                  + ");"
                  + " nothing was published. Copy it into the inbox again."));
      return;
    }
    while (!status.state().finished()) {
      Thread.sleep(200);
      status = feeds.status(status.feedId()).orElse(status);
    }
    boolean ok = status.state() == FeedState.PUBLISHED || status.state() == FeedState.DUPLICATE;
    done(file, ok ? processed : rejected, status);
  }

  /** Deletes the file (or moves it to {@code to}), then writes its report there, atomically. */
  private void done(Path file, Path to, Object report) throws IOException {
    String fileName = file.getFileName().toString();
    String name = fileName;
    if (Files.exists(to.resolve(name)) || Files.exists(to.resolve(name + ".report.json"))) {
      name = clock.instant().toEpochMilli() + "-" + fileName;
    }
    // The extract goes first: once its report is there, the inbox no longer has it.
    if (keepExtracts) {
      Files.move(file, to.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.delete(file);
    }
    // Written beside it under a hidden name, then renamed: an agency system that polls for reports
    // sees a whole report or none, never one still being written.
    Path partial = to.resolve("." + name + ".report.json.part");
    Files.writeString(partial, json.writeValueAsString(report), StandardCharsets.UTF_8);
    Files.move(
        partial,
        to.resolve(name + ".report.json"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    log.info(
        "Drop folder: {} {}; report in {}",
        fileName,
        keepExtracts ? "moved there" : "deleted",
        to.getFileName());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
