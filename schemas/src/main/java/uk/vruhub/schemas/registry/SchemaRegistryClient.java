package uk.vruhub.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Client for the part of the Confluent Schema Registry REST API the hub uses: register, look up,
 * fetch by id, versions, compatibility check and subject configuration. Works against Confluent's
 * registry and the hub's own ({@code deploy/registry}). Ids and registrations are cached: a schema
 * id never changes meaning, so the registry is asked once per schema per process.
 *
 * <p>Thread-safe. Requests go to the first URL that answers; a connection failure tries the next.
 * Over HTTPS the registry's certificate is checked against the given TLS context (the hub's CA, see
 * {@code uk.vruhub.security.TrustedCa}) or, without one, the JVM's trusted CAs. The password of
 * HTTP basic credentials is never part of an error message.
 */
public final class SchemaRegistryClient implements SchemaRegistry {

  /** Media type of the registry API. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";

  private final List<URI> urls;
  private final Duration timeout;
  private final String authorization;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * @param urls registry base URLs, e.g. {@code http://localhost:8081}
   * @param timeout connect and request timeout
   * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, or null
   */
  public SchemaRegistryClient(List<URI> urls, Duration timeout, String basicAuthUserInfo) {
    this(urls, timeout, basicAuthUserInfo, null);
  }

  /**
   * @param urls registry base URLs, e.g. {@code https://localhost:8081}
   * @param timeout connect and request timeout
   * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, or null
   * @param sslContext what an HTTPS registry's certificate must chain to; null for the JVM's
   *     trusted CAs
   */
  public SchemaRegistryClient(
      List<URI> urls, Duration timeout, String basicAuthUserInfo, SSLContext sslContext) {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("At least one schema registry URL is needed");
    }
    this.urls = List.copyOf(urls);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.authorization =
        basicAuthUserInfo == null || basicAuthUserInfo.isBlank()
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
    if (sslContext != null) {
      http.sslContext(sslContext);
    }
    this.http = http.build();
  }

  /** A client for comma-separated URLs with a 10 s timeout and no authentication. */
  public static SchemaRegistryClient forUrls(String commaSeparatedUrls) {
    return new SchemaRegistryClient(parseUrls(commaSeparatedUrls), Duration.ofSeconds(10), null);
  }

  /** Parses a comma-separated list of registry URLs. */
  public static List<URI> parseUrls(String commaSeparatedUrls) {
    if (commaSeparatedUrls == null || commaSeparatedUrls.isBlank()) {
      throw new IllegalArgumentException("No schema registry URL configured");
    }
    List<URI> out = new ArrayList<>();
    for (String part : commaSeparatedUrls.split(",")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        out.add(
            URI.create(
                trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed));
      }
    }
    return out;
  }

  /** The base URLs this client talks to. */
  public List<URI> urls() {
    return urls;
  }

  @Override
  public String location() {
    return urls.size() == 1 ? urls.get(0).toString() : urls.toString();
  }

  /**
   * Registers a schema under a subject (or finds it already registered) and returns its id. The
   * registry refuses with 409 when the subject's compatibility rule is broken.
   */
  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    ObjectNode body = json.createObjectNode().put("schema", schema.toString());
    JsonNode answer =
        send(
            "POST",
            "/subjects/" + enc(subject) + "/versions",
            body,
            "register a schema under subject '" + subject + "'");
    int id = answer.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException(
          "Registry answered without an id when registering under subject '" + subject + "'",
          200,
          SchemaRegistryException.UNREACHABLE,
          null);
    }
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /**
   * The registration of exactly this schema under the subject, or empty if it is not registered.
   */
  public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
    ObjectNode body = json.createObjectNode().put("schema", schema.toString());
    try {
      JsonNode answer =
          send(
              "POST",
              "/subjects/" + enc(subject),
              body,
              "look up a schema under subject '" + subject + "'");
      RegisteredSchema found = toRegistered(answer, subject);
      idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
      schemasById.putIfAbsent(found.id(), schema);
      return Optional.of(found);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == 40401 || e.errorCode() == 40403) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The id of this schema under the subject, from the cache or by lookup; empty if unregistered.
   */
  @Override
  public Optional<Integer> idOf(String subject, Schema schema) {
    Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
    if (cached != null) {
      return Optional.of(cached);
    }
    return lookup(subject, schema).map(RegisteredSchema::id);
  }

  /** The schema with this registry-wide id. Fails with error 40403 when the registry has none. */
  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
    Schema schema = parse(answer.path("schema").asText(), "schema id " + id);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
  }

  /** Every subject the registry holds. */
  public List<String> subjects() {
    JsonNode answer = send("GET", "/subjects", null, "list subjects");
    List<String> out = new ArrayList<>();
    answer.forEach(node -> out.add(node.asText()));
    return out;
  }

  /** The versions registered under a subject. */
  public List<Integer> versions(String subject) {
    JsonNode answer =
        send(
            "GET",
            "/subjects/" + enc(subject) + "/versions",
            null,
            "list versions of subject '" + subject + "'");
    List<Integer> out = new ArrayList<>();
    answer.forEach(node -> out.add(node.asInt()));
    return out;
  }

  /** The latest version registered under a subject. */
  public RegisteredSchema latest(String subject) {
    return version(subject, "latest");
  }

  /** One version registered under a subject. */
  public RegisteredSchema version(String subject, int version) {
    return version(subject, Integer.toString(version));
  }

  private RegisteredSchema version(String subject, String version) {
    JsonNode answer =
        send(
            "GET",
            "/subjects/" + enc(subject) + "/versions/" + version,
            null,
            "fetch version " + version + " of subject '" + subject + "'");
    return toRegistered(answer, subject);
  }

  /**
   * Whether the schema may be registered under the subject by its compatibility rule, with the
   * registry's reasons when not. A subject with no versions accepts any valid schema.
   */
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    ObjectNode body = json.createObjectNode().put("schema", schema.toString());
    JsonNode answer;
    try {
      answer =
          send(
              "POST",
              "/compatibility/subjects/" + enc(subject) + "/versions/latest?verbose=true",
              body,
              "check compatibility under subject '" + subject + "'");
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == 40401) {
        return new CompatibilityResult(true, List.of());
      }
      throw e;
    }
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(node -> messages.add(node.asText()));
    return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
  }

  /** Result of a compatibility check. */
  public record CompatibilityResult(boolean compatible, List<String> messages) {}

  /** The compatibility level in force for a subject (its own, or the global default). */
  public CompatibilityLevel compatibility(String subject) {
    String path = subject == null ? "/config" : "/config/" + enc(subject) + "?defaultToGlobal=true";
    JsonNode answer = send("GET", path, null, "read compatibility of " + describe(subject));
    return CompatibilityLevel.valueOf(answer.path("compatibilityLevel").asText());
  }

  /** Sets the compatibility level of a subject, or the global default when subject is null. */
  public void setCompatibility(String subject, CompatibilityLevel level) {
    String path = subject == null ? "/config" : "/config/" + enc(subject);
    send(
        "PUT",
        path,
        json.createObjectNode().put("compatibility", level.name()),
        "set compatibility of " + describe(subject));
  }

  private static String describe(String subject) {
    return subject == null ? "the registry (global)" : "subject '" + subject + "'";
  }

  private RegisteredSchema toRegistered(JsonNode answer, String subject) {
    return new RegisteredSchema(
        answer.path("subject").asText(subject),
        answer.path("version").asInt(),
        answer.path("id").asInt(),
        answer.path("schema").asText());
  }

  private static Schema parse(String text, String what) {
    try {
      return new Schema.Parser().parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          "Registry returned an unparseable Avro schema for " + what + ": " + e.getMessage(),
          200,
          42201,
          e);
    }
  }

  private static String enc(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, JsonNode body, String action) {
    IOException lastFailure = null;
    for (URI base : urls) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", ACCEPT);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
        request.method(
            method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response;
      try {
        response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (HttpTimeoutException e) {
        throw new SchemaRegistryException(
            "Schema registry at "
                + base
                + " did not answer within "
                + timeout.toMillis()
                + " ms when asked to "
                + action,
            SchemaRegistryException.UNREACHABLE,
            SchemaRegistryException.UNREACHABLE,
            e);
      } catch (javax.net.ssl.SSLException e) {
        throw new SchemaRegistryException(
            "TLS with the schema registry at "
                + base
                + " failed when asked to "
                + action
                + " ("
                + e.getMessage()
                + "): does the trust store ("
                + "schema.registry.ssl.truststore.location) hold the CA its certificate chains to?",
            SchemaRegistryException.UNREACHABLE,
            SchemaRegistryException.UNREACHABLE,
            e);
      } catch (ConnectException e) {
        lastFailure = e;
        continue;
      } catch (IOException e) {
        lastFailure = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            "Interrupted while asking the schema registry to " + action,
            SchemaRegistryException.UNREACHABLE,
            SchemaRegistryException.UNREACHABLE,
            e);
      }
      return read(response, base, action);
    }
    throw new SchemaRegistryException(
        "Schema registry unreachable at " + urls + " when asked to " + action + ": " + lastFailure,
        SchemaRegistryException.UNREACHABLE,
        SchemaRegistryException.UNREACHABLE,
        lastFailure);
  }

  private JsonNode read(HttpResponse<String> response, URI base, String action) {
    JsonNode node;
    try {
      node =
          response.body() == null || response.body().isBlank()
              ? json.nullNode()
              : json.readTree(response.body());
    } catch (IOException e) {
      node = json.nullNode();
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return node;
    }
    int errorCode = node.path("error_code").asInt(status);
    String message = node.path("message").asText(response.body() == null ? "" : response.body());
    throw new SchemaRegistryException(
        "Schema registry at "
            + base
            + " refused to "
            + action
            + " (HTTP "
            + status
            + ", error "
            + errorCode
            + "): "
            + message,
        status,
        errorCode,
        null);
  }
}
