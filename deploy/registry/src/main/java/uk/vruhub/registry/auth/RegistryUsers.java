package uk.vruhub.registry.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.vruhub.security.PasswordHashes;

/**
 * Who may use the registry: one line per user, {@code user:hash:role}, from a file the operator
 * keeps (blank lines and lines starting with {@code #} are ignored). The hash is the hex SHA-256 of
 * a generated password or a bcrypt hash; the registry never holds a password. Roles: {@code read}
 * (fetch schemas, look them up, check compatibility: every principal and recipient) and {@code
 * write} (read, and register schemas and change compatibility: only the services that register
 * their schemas). Errors name the file and line, never a hash.
 */
public final class RegistryUsers {

  /** What a user may do. */
  public enum Role {
    READ,
    WRITE
  }

  /** One user's line. */
  public record User(String name, String hash, Role role) {}

  private final Map<String, User> users;

  private RegistryUsers(Map<String, User> users) {
    this.users = Map.copyOf(users);
  }

  /** The users of a file; a missing file, a bad line or a doubled user is an error. */
  public static RegistryUsers load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "registry.auth.users-file " + file.toAbsolutePath() + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read registry.auth.users-file " + file, e);
    }
    Map<String, User> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + " line " + (i + 1);
      String[] parts = line.split(":", -1);
      if (parts.length != 3) {
        throw new IllegalStateException(
            where + " is not user:hash:role (three fields separated by ':')");
      }
      String name = parts[0].strip();
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalStateException(
            where + ": a user name is letters, digits, '.', '_' and '-'");
      }
      if (!PasswordHashes.isHash(parts[1].strip())) {
        throw new IllegalStateException(
            where
                + ": the second field must be the hex SHA-256 of the password"
                + " (printf %s \"$PASSWORD\" | sha256sum) or a bcrypt hash; a password itself is"
                + " never accepted");
      }
      Role role;
      try {
        role = Role.valueOf(parts[2].strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + ": the role must be read or write");
      }
      if (users.put(name, new User(name, parts[1].strip(), role)) != null) {
        throw new IllegalStateException(where + ": user " + name + " is listed twice");
      }
    }
    if (users.isEmpty()) {
      throw new IllegalStateException(file + " lists no user: nobody could use the registry");
    }
    return new RegistryUsers(users);
  }

  /** The user these credentials prove, if they do; the check takes as long for a wrong name. */
  public Optional<User> authenticate(String name, String password) {
    User user = users.get(name);
    boolean ok = PasswordHashes.matches(user == null ? null : user.hash(), password);
    return ok ? Optional.of(user) : Optional.empty();
  }

  /** How many users there are. */
  public int size() {
    return users.size();
  }
}
