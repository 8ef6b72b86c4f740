package uk.vruhub.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.ErrorResponseException;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.policy.Policy;
import uk.vruhub.security.SecretFiles;

/** Recipients' tokens against the shipped policy: what is refused at start, what per request. */
class RecipientAccessTest {

  static final Policy POLICY = Policy.load(Path.of("../deploy/policy/vru-hub-isa.yaml"));

  private static RecipientAccess access(Map<String, String> hashes) {
    return RecipientAccess.configure(POLICY, new AggregatorProperties.Http(hashes, null), false);
  }

  private static int status(Runnable request) {
    try {
      request.run();
      return 200;
    } catch (ErrorResponseException e) {
      return e.getStatusCode().value();
    }
  }

  @Test
  void aTokenNamesItsRecipientAndThePolicySaysWhatItGets() {
    RecipientAccess access =
        access(
            Map.of(
                "vru-analyst", SecretFiles.sha256Hex("a"),
                "csp-partners", SecretFiles.sha256Hex("c"),
                "strategic-board", SecretFiles.sha256Hex("b")));
    assertThat(access.require("Bearer a", "cohort-profiles").id()).isEqualTo("vru-analyst");
    assertThat(access.require("bearer c", "cohort-summary").id()).isEqualTo("csp-partners");
    assertThat(status(() -> access.require("Bearer c", "cohort-profiles"))).isEqualTo(403);
    assertThat(access.require("Bearer b", "hotspots").id()).isEqualTo("strategic-board");
    assertThat(status(() -> access.require("Bearer b", "cohort-summary"))).isEqualTo(403);
    assertThat(status(() -> access.require(null, "hotspots"))).isEqualTo(401);
    assertThat(status(() -> access.require("Bearer x", "hotspots"))).isEqualTo(401);
  }

  @Test
  void hashesMayComeFromAFolderOfFilesNamedByRecipient(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("strategic-board"), SecretFiles.sha256Hex("b") + "\n");
    Files.writeString(dir.resolve(".hidden"), "not a recipient");
    RecipientAccess access =
        RecipientAccess.configure(
            POLICY, new AggregatorProperties.Http(null, dir.toString()), false);
    assertThat(access.require("Bearer b", "hotspots").id()).isEqualTo("strategic-board");
  }

  @Test
  void refusedAtStart() {
    assertThatThrownBy(() -> access(Map.of("the-press", SecretFiles.sha256Hex("p"))))
        .hasMessageContaining("names 'the-press', which is not a recipient of the policy");
    assertThatThrownBy(() -> access(Map.of("vru-analyst", "the-token-itself")))
        .hasMessageContaining("must be the hex SHA-256")
        .hasMessageNotContaining("the-token-itself");
    assertThatThrownBy(
            () ->
                access(
                    Map.of(
                        "vru-analyst", SecretFiles.sha256Hex("same"),
                        "csp-partners", SecretFiles.sha256Hex("same"))))
        .hasMessageContaining("have the same token");
    assertThatThrownBy(
            () ->
                RecipientAccess.configure(POLICY, new AggregatorProperties.Http(null, null), true))
        .hasMessageContaining("hub.aggregator.analyst-token-sha256 is no longer read");
  }
}
