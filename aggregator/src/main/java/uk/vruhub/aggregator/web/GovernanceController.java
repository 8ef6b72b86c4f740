package uk.vruhub.aggregator.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.aggregator.governance.AuditTrail;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.Agreement;
import uk.vruhub.policy.report.PolicyReport;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * What the information-governance officer audits: the policy in force (its version and the SHA-256
 * every output record carries), the policy report, and the audit trail. Every recipient with a
 * token may read them: each is a party to the agreement, and none of it holds a record of an output
 * (audit events hold no identifier).
 */
@RestController
@RequestMapping("/api/v1/governance")
class GovernanceController {

  private static final List<String> AUDIT_PARAMETERS =
      List.of("type", "from", "to", "page", "size");
  private static final int DEFAULT_PAGE = 100;

  /**
   * The audit types this hub version writes, and what writes them: the schema defines more (for
   * feeds and the cohort), which nothing writes yet. Feed outcomes are the tracker's receipts.
   */
  static final Map<AuditType, String> WRITTEN =
      Map.of(
          AuditType.POLICY_LOADED,
          "the aggregator, each time it starts on a policy",
          AuditType.POLICY_REFUSED,
          "the aggregator, when it refuses to start on a policy that breaks the rules (if Kafka"
              + " is reachable then): the rules broken",
          AuditType.PUBLICATION_CYCLE,
          "the aggregator, once per audit interval and output topic it wrote to: the policy, the"
              + " window, and the cells published, suppressed and withdrawn");

  /** The audit types earlier hub versions wrote and this one no longer does, and what did. */
  static final Map<AuditType, String> FORMERLY =
      Map.of(
          AuditType.CELLS_SUPPRESSED,
          "earlier hub versions, per output topic and interval with cells suppressed: how many"
              + " (now the cellsSuppressed of PUBLICATION_CYCLE)");

  private final Policy policy;
  private final TopicCatalogue topics;
  private final AuditTrail audit;
  private final RecipientAccess access;
  private String markdown;
  private String html;

  GovernanceController(AggregatorSettings settings, AuditTrail audit, RecipientAccess access) {
    this.policy = settings.policy().policy();
    this.topics = settings.topics();
    this.audit = audit;
    this.access = access;
  }

  /**
   * The policy in force.
   *
   * @param id the agreement's id
   * @param name its name
   * @param version its version
   * @param sha256 the SHA-256 of the policy file: the {@code policyHash} of every output record
   * @param effective when it took effect
   * @param reviewBy when it is to be reviewed
   */
  record PolicyInForce(
      String id,
      String name,
      String version,
      String sha256,
      LocalDate effective,
      LocalDate reviewBy) {}

  @GetMapping(value = "/policy", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<PolicyInForce> policy(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters) {
    access.identify(authorization);
    QueryParameters.of(parameters, List.of());
    Agreement a = policy.document().agreement();
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new PolicyInForce(
                policy.identity().id(),
                a == null ? null : a.name(),
                policy.identity().version(),
                policy.identity().sha256(),
                a == null ? null : a.effective(),
                a == null ? null : a.reviewBy()));
  }

  /**
   * The policy report: Markdown by default ({@code format=markdown}), or one HTML page ({@code
   * format=html} or {@code Accept: text/html}). The HTML page carries its own stylesheet, inline so
   * that a saved copy stands alone; its answer's Content-Security-Policy allows that one stylesheet
   * by its SHA-256 and nothing else inline.
   */
  @GetMapping("/policy/report")
  ResponseEntity<String> report(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      HttpServletResponse response) {
    access.identify(authorization);
    String format = QueryParameters.of(parameters, List.of("format")).code("format");
    boolean asHtml;
    if (format == null) {
      asHtml = accept != null && accept.length() < 1024 && accept.contains("text/html");
    } else if (format.equalsIgnoreCase("html")) {
      asHtml = true;
    } else if (format.equalsIgnoreCase("markdown")) {
      asHtml = false;
    } else {
      throw ApiProblem.badParameter(
          "format", "format must be html or markdown; got another value.");
    }
    if (asHtml) {
      // Replaces the filter's header: a second header would be enforced as well, blocking the
      // style.
      response.setHeader("Content-Security-Policy", reportPolicy());
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(
            asHtml
                ? new MediaType("text", "html", StandardCharsets.UTF_8)
                : new MediaType("text", "markdown", StandardCharsets.UTF_8))
        .header("X-Policy-Sha256", policy.identity().sha256())
        .body(asHtml ? html() : markdown());
  }

  private synchronized String markdown() {
    if (markdown == null) {
      markdown = PolicyReport.build(policy, topics).markdown();
    }
    return markdown;
  }

  /** The hub's policy with the report's inline stylesheet allowed by its hash. */
  static String reportPolicy(String html) {
    StringBuilder styles = new StringBuilder("style-src 'self'");
    int at = 0;
    while ((at = html.indexOf("<style>", at)) >= 0) {
      int end = html.indexOf("</style>", at);
      if (end < 0) {
        break;
      }
      String css = html.substring(at + "<style>".length(), end);
      styles.append(" 'sha256-").append(sha256(css)).append('\'');
      at = end;
    }
    return SecurityHeadersFilter.CONTENT_SECURITY_POLICY + "; " + styles;
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private String reportPolicy() {
    return reportPolicy(html());
  }

  private synchronized String html() {
    if (html == null) {
      html = PolicyReport.build(policy, topics).html();
    }
    return html;
  }

  /**
   * One type of audit event the schema defines.
   *
   * @param type its name, as {@code type} takes it
   * @param written whether this hub version writes it; a filter on one it does not write is empty
   * @param writtenBy what writes it and when; null when nothing does
   * @param formerlyWrittenBy what wrote it in earlier hub versions, whose events the trail may
   *     still hold; null when none did or this version writes it
   */
  record AuditTypeInfo(String type, boolean written, String writtenBy, String formerlyWrittenBy) {}

  /** Every audit type of the schema, and whether this hub version writes it. */
  @GetMapping(value = "/audit/types", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<List<AuditTypeInfo>> auditTypes(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters) {
    access.identify(authorization);
    QueryParameters.of(parameters, List.of());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            Arrays.stream(AuditType.values())
                .map(
                    t ->
                        new AuditTypeInfo(
                            t.name(), WRITTEN.containsKey(t), WRITTEN.get(t), FORMERLY.get(t)))
                .toList());
  }

  /**
   * The audit trail, newest first: {@code type} (comma-separated {@link AuditType} names), {@code
   * from} and {@code to} (ISO instants or dates; from inclusive, to exclusive), {@code page} (from
   * 0) and {@code size} (1 to {@value AuditTrail#MAX_PAGE}, 100 by default).
   */
  @GetMapping(value = "/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AuditTrail.Page> audit(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters) {
    access.identify(authorization);
    QueryParameters query = QueryParameters.of(parameters, AUDIT_PARAMETERS);
    Set<AuditType> types = query.choices("type", AuditType.class);
    Instant from = query.instant("from");
    Instant to = query.instant("to");
    int page = query.whole("page", 0, 1_000_000, 0);
    int size = query.whole("size", 1, AuditTrail.MAX_PAGE, DEFAULT_PAGE);
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiProblem.badParameter("to", "to must be after from.");
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(audit.page(types, from, to, page, size));
  }
}
