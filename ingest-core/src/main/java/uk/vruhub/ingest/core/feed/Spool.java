package uk.vruhub.ingest.core.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder feeds are spooled to while they wait and are processed. A spool file outlives its job
 * only when the service died with it (a crash, a kill): such leftovers are raw extracts nobody will
 * process, so they are deleted when a service starts on the folder, unless another running service
 * still uses it.
 *
 * <p>Every service on the folder holds a shared lock on its {@code .spool.lock} for as long as it
 * runs; the leftovers are deleted only under an exclusive lock, which the operating system grants
 * only when no other live process holds one. Within one JVM (the local hub runs every service in
 * one) the lock is held once for the JVM and counted, since Java refuses a second lock on the same
 * file in one process.
 */
final class Spool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  static final String PREFIX = "feed-";
  static final String SUFFIX = ".csv";
  private static final Map<Path, Holder> HELD = new HashMap<>();

  private static final class Holder {
    final FileChannel channel;
    final FileLock lock;
    int users;

    Holder(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  private final Path dir;
  private final Path key;
  private boolean closed;

  private Spool(Path dir, Path key) {
    this.dir = dir;
    this.key = key;
  }

  /** Takes the folder (creating it), deleting what a dead service left in it. */
  static Spool open(Path dir) {
    try {
      Files.createDirectories(dir);
      Path key = dir.toRealPath();
      synchronized (HELD) {
        Holder holder = HELD.get(key);
        if (holder == null) {
          holder = lockAndClean(key);
          HELD.put(key, holder);
        }
        holder.users++;
      }
      return new Spool(dir, key);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the spool folder " + dir, e);
    }
  }

  private static Holder lockAndClean(Path dir) throws IOException {
    FileChannel channel =
        FileChannel.open(
            dir.resolve(".spool.lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    try {
      FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
      if (exclusive != null) {
        int deleted = deleteLeftovers(dir);
        if (deleted > 0) {
          log.warn(
              "Spool {}: deleted {} feed file(s) left by a service that stopped while they were"
                  + " queued or processed; those feeds were not published and must be sent again",
              dir,
              deleted);
        }
        exclusive.release();
      } else {
        log.info("Spool {} is shared with another running service: nothing cleaned", dir);
      }
      // Blocks only while another service starting on the folder holds it exclusively.
      return new Holder(channel, channel.lock(0, Long.MAX_VALUE, true));
    } catch (IOException | OverlappingFileLockException e) {
      channel.close();
      throw e instanceof IOException io ? io : new IOException(e);
    }
  }

  private static int deleteLeftovers(Path dir) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** A new, empty spool file. */
  Path newFile() throws IOException {
    return Files.createTempFile(dir, PREFIX, SUFFIX);
  }

  /** The folder, for messages and free-space checks. */
  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Holder holder = HELD.get(key);
      if (holder != null && --holder.users == 0) {
        HELD.remove(key);
        try {
          holder.lock.release();
          holder.channel.close();
        } catch (IOException e) {
          log.warn("Spool {}: could not release its lock: {}", dir, e.toString());
        }
      }
    }
  }
}
