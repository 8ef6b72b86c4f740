package uk.vruhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

  @Test
  void sha256HashesMatchTheirPasswordOnly() {
    String hash = PasswordHashes.sha256("s3cret");
    assertThat(PasswordHashes.isHash(hash)).isTrue();
    assertThat(PasswordHashes.matches(hash, "s3cret")).isTrue();
    assertThat(PasswordHashes.matches(hash.toUpperCase(java.util.Locale.ROOT), "s3cret")).isTrue();
    assertThat(PasswordHashes.matches(hash, "s3cret ")).isFalse();
    assertThat(PasswordHashes.matches(hash, "")).isFalse();
    assertThat(PasswordHashes.matches(hash, null)).isFalse();
  }

  @Test
  void bcryptHashesMatchTheirPasswordOnly() {
    String hash = OpenBSDBCrypt.generate("chosen by a person".toCharArray(), new byte[16], 4);
    assertThat(PasswordHashes.isHash(hash)).isTrue();
    assertThat(PasswordHashes.matches(hash, "chosen by a person")).isTrue();
    assertThat(PasswordHashes.matches(hash, "chosen by a persom")).isFalse();
  }

  @Test
  void anUnknownUserNeverMatchesAndPlainTextIsNoHash() {
    assertThat(PasswordHashes.matches(null, "anything")).isFalse();
    assertThat(PasswordHashes.isHash("plain-password")).isFalse();
  }
}
