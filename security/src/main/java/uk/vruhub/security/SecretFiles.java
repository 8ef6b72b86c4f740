package uk.vruhub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Secret files: made once from a secure random source, written so that no other user can read them
 * at any moment (the file is created owner-only, then moved into place), and read back with errors
 * that name the file, never its content.
 */
public final class SecretFiles {

  /** Bytes of randomness in a generated secret (384 bits, written as 64 base64url characters). */
  public static final int SECRET_BYTES = 48;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private SecretFiles() {}

  /**
   * The file, with a new random secret written to it if it does not exist yet; an existing file is
   * kept as it is, so a secret survives restarts. Folders it creates are owner-only.
   */
  public static Path ensure(Path file) {
    if (Files.exists(file)) {
      return file;
    }
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    try {
      writeOwnerOnly(
          file,
          Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
          /* replace= */ false);
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof FileAlreadyExistsException)) {
        throw e;
      }
      // Made by another process at the same moment: theirs is as good as ours.
    }
    return file;
  }

  /** A new random secret as text, for credentials that are handed over rather than stored. */
  public static String random() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Writes {@code content} to {@code file}, readable and writable by its owner only, through a
   * temporary file in the same folder so a reader never sees half a secret.
   *
   * @param replace whether an existing file is replaced; if not, an existing file is an error
   */
  public static void writeOwnerOnly(Path file, String content, boolean replace) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      createOwnerOnlyDirectories(dir);
      if (!replace && Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      Path tmp = Files.createTempFile(dir, ".secret-", ".tmp", ownerOnly(dir, OWNER_FILE));
      try {
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        restrict(tmp, OWNER_FILE);
        if (replace) {
          move(tmp, file);
        } else {
          // A hard link fails if the name exists, so two processes cannot both win.
          Files.createLink(file, tmp);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (UnsupportedOperationException e) {
      // No hard links on this file system: fall back to a move (the exists check above applies).
      try {
        Path tmp = Files.createTempFile(dir, ".secret-", ".tmp", ownerOnly(dir, OWNER_FILE));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        move(tmp, file);
      } catch (IOException again) {
        throw new UncheckedIOException("Cannot write secret file " + file, again);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write secret file " + file, e);
    }
  }

  /**
   * The secret in a file, without surrounding white space (a trailing newline from an editor or
   * {@code echo} is not part of it).
   *
   * @throws IllegalStateException if the file is missing, unreadable or empty; the message names
   *     the file and never shows its content
   */
  public static String read(Path file) {
    String secret;
    try {
      secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("Secret file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot read secret file " + file + ": " + e.getClass().getSimpleName());
    }
    if (secret.isEmpty()) {
      throw new IllegalStateException("Secret file " + file + " is empty");
    }
    return secret;
  }

  /** Lower-case hex SHA-256 of a secret's UTF-8 bytes, as services hold bearer tokens. */
  public static String sha256Hex(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256", e);
    }
  }

  /** Creates missing folders, each new one readable by its owner only. */
  public static void createOwnerOnlyDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createOwnerOnlyDirectories(parent);
    }
    try {
      Files.createDirectory(absolute, ownerOnly(parent, OWNER_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) {
        throw e;
      }
    }
    restrict(absolute, OWNER_DIR);
  }

  private static FileAttribute<?>[] ownerOnly(Path near, Set<PosixFilePermission> permissions) {
    boolean posix =
        near != null && near.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own access control applies.
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
