package uk.vruhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

  @TempDir Path dir;

  @Test
  void aNewSecretIsRandomOwnerOnlyAndKept() throws Exception {
    Path file = dir.resolve("a/b/kafka-password");
    SecretFiles.ensure(file);
    String first = SecretFiles.read(file);
    assertThat(first).hasSize(64).matches("[A-Za-z0-9_-]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    SecretFiles.ensure(file);
    assertThat(SecretFiles.read(file)).isEqualTo(first);
    SecretFiles.ensure(dir.resolve("a/b/other"));
    assertThat(SecretFiles.read(dir.resolve("a/b/other"))).isNotEqualTo(first);
    try (var left = Files.list(file.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsOnly("kafka-password", "other");
    }
  }

  @Test
  void errorsNameTheFileNeverTheContent() throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, " \n");
    assertThatThrownBy(() -> SecretFiles.read(empty)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> SecretFiles.read(dir.resolve("missing")))
        .hasMessageContaining("does not exist");
    Path secret = dir.resolve("s");
    SecretFiles.writeOwnerOnly(secret, "hunter2-not-shown\n", false);
    assertThat(SecretFiles.read(secret)).isEqualTo("hunter2-not-shown");
    assertThatThrownBy(() -> SecretFiles.writeOwnerOnly(secret, "x", false))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void sha256IsHex() {
    assertThat(SecretFiles.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
