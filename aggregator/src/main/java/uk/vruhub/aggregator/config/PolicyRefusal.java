package uk.vruhub.aggregator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ExitCodeGenerator;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.audit.PolicyAudit;
import uk.vruhub.policy.validate.PolicyException;
import uk.vruhub.policy.validate.Violation;

/**
 * What the aggregator does when its policy breaks the rules: it says so in one log line (how many
 * violations, and each one's rule, topic and field, and problem), tries once, for a short time, to
 * write a {@code POLICY_REFUSED} audit event naming the policy and the rules broken, and refuses to
 * start, with exit code {@value #EXIT_CODE}. A policy holds no identifier, so neither does any of
 * this.
 */
final class PolicyRefusal {

  private static final Logger log = LoggerFactory.getLogger(PolicyRefusal.class);

  /** The exit code of a refusal: {@code EX_CONFIG} of sysexits.h, a configuration error. */
  static final int EXIT_CODE = 78;

  /** Writes one audit event, waiting for the broker's acknowledgement. */
  @FunctionalInterface
  interface AuditWriter {
    void write(AuditEvent event) throws Exception;
  }

  private PolicyRefusal() {}

  /**
   * Logs, audits (within {@code timeout}, through {@code writer}) and returns the exception to
   * throw: the refusal of the policy {@code file}, whose checks threw {@code refused}.
   */
  static Refused refuse(
      Path file, PolicyException refused, AuditWriter writer, Duration timeout, Clock clock) {
    List<Violation> violations = refused.violations();
    log.error(
        "Refusing to start: the policy {} breaks {} rule{}: {}",
        file,
        violations.size(),
        violations.size() == 1 ? "" : "s",
        violations.stream().map(PolicyRefusal::describe).collect(Collectors.joining("; ")));
    PolicyIdentity identity = identity(file);
    Map<String, String> details = new LinkedHashMap<>();
    details.put(
        "rules",
        violations.stream().map(Violation::rule).distinct().collect(Collectors.joining(",")));
    details.put(
        "locations",
        violations.stream().map(PolicyRefusal::location).collect(Collectors.joining(",")));
    AuditEvent event =
        PolicyAudit.policyRefused(
            identity, AuditPublisher.COMPONENT, clock.instant(), violations.size(), details);
    audit(event, writer, timeout);
    return new Refused(refused);
  }

  /** A violation as the log line says it: rule, where, and what is wrong. */
  static String describe(Violation v) {
    return "[" + v.rule() + "] " + location(v) + ": " + v.problem();
  }

  private static String location(Violation v) {
    if (v.topic() == null) {
      return "policy";
    }
    return v.field() == null ? v.topic() : v.topic() + "." + v.field();
  }

  /**
   * The refused policy's id, version and hash, as far as they can be read: a policy may be refused
   * because it names no agreement, and is then named by its hash alone.
   */
  static PolicyIdentity identity(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
    try {
      return PolicyIdentity.of(bytes, file.toString());
    } catch (IllegalArgumentException e) {
      try {
        return new PolicyIdentity(
            null,
            null,
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      } catch (NoSuchAlgorithmException missing) {
        return null;
      }
    }
  }

  private static void audit(AuditEvent event, AuditWriter writer, Duration timeout) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    Thread attempt =
        new Thread(
            () -> {
              try {
                writer.write(event);
                written.complete(null);
              } catch (Throwable e) {
                written.completeExceptionally(e);
              }
            },
            "policy-refusal-audit");
    // The attempt never keeps the refusing JVM alive.
    attempt.setDaemon(true);
    attempt.start();
    try {
      written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("The policy refusal is on the audit topic (event {})", event.getEventId());
    } catch (TimeoutException e) {
      log.warn(
          "The policy refusal could not be written to the audit topic within {}: Kafka or the"
              + " schema registry is unreachable. Refusing to start all the same.",
          timeout);
    } catch (ExecutionException e) {
      log.warn(
          "The policy refusal could not be written to the audit topic ({}). Refusing to start all"
              + " the same.",
          e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted writing the policy refusal to the audit topic; refusing to start.");
    }
  }

  /** The aggregator's refusal to start on a policy, with its exit code. */
  static final class Refused extends IllegalStateException implements ExitCodeGenerator {

    private static final long serialVersionUID = 1L;

    Refused(PolicyException cause) {
      super(
          "The aggregator refuses to start: "
              + cause.getMessage()
              + System.lineSeparator()
              + "Fix the policy file (hub.aggregator.policy-file) and start it again.",
          cause);
    }

    @Override
    public int getExitCode() {
      return EXIT_CODE;
    }
  }
}
