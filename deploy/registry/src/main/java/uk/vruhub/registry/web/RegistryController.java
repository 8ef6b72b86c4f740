package uk.vruhub.registry.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.registry.RegistryException;
import uk.vruhub.registry.SchemaRegistryService;
import uk.vruhub.registry.SchemaVersion;
import uk.vruhub.schemas.registry.CompatibilityLevel;

/**
 * The Confluent Schema Registry REST API subset: subjects, versions, schemas by id, compatibility
 * checks and configuration. Bodies are read as text whatever content type a client sends
 * (Confluent's clients send {@code application/vnd.schemaregistry.v1+json}), and answers carry that
 * media type.
 */
@RestController
class RegistryController {

  static final MediaType REGISTRY_JSON =
      MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");

  private final SchemaRegistryService registry;
  private final ObjectMapper json = new ObjectMapper();

  RegistryController(SchemaRegistryService registry) {
    this.registry = registry;
  }

  @GetMapping("/")
  ResponseEntity<String> root() {
    return ok(json.createObjectNode());
  }

  @GetMapping("/subjects")
  ResponseEntity<String> subjects() {
    return ok(strings(registry.subjects()));
  }

  @GetMapping("/subjects/{subject}/versions")
  ResponseEntity<String> versions(@PathVariable String subject) {
    ArrayNode out = json.createArrayNode();
    registry.versions(subject).forEach(out::add);
    return ok(out);
  }

  @PostMapping("/subjects/{subject}/versions")
  ResponseEntity<String> register(
      @PathVariable String subject, @RequestBody(required = false) String body) {
    int id = registry.register(subject, schemaOf(body));
    return ok(json.createObjectNode().put("id", id));
  }

  @PostMapping("/subjects/{subject}")
  ResponseEntity<String> lookup(
      @PathVariable String subject, @RequestBody(required = false) String body) {
    return ok(versionNode(registry.lookup(subject, schemaOf(body))));
  }

  @GetMapping("/subjects/{subject}/versions/{version}")
  ResponseEntity<String> version(@PathVariable String subject, @PathVariable String version) {
    return ok(versionNode(registry.version(subject, version)));
  }

  @GetMapping("/subjects/{subject}/versions/{version}/schema")
  ResponseEntity<String> versionSchema(@PathVariable String subject, @PathVariable String version) {
    return ResponseEntity.ok()
        .contentType(REGISTRY_JSON)
        .body(registry.version(subject, version).schema());
  }

  @GetMapping("/schemas/ids/{id}")
  ResponseEntity<String> schemaById(@PathVariable int id) {
    return ok(json.createObjectNode().put("schema", registry.schemaById(id)));
  }

  @GetMapping("/schemas/ids/{id}/schema")
  ResponseEntity<String> rawSchemaById(@PathVariable int id) {
    return ResponseEntity.ok().contentType(REGISTRY_JSON).body(registry.schemaById(id));
  }

  @GetMapping("/schemas/ids/{id}/versions")
  ResponseEntity<String> usesOfSchema(@PathVariable int id) {
    ArrayNode out = json.createArrayNode();
    registry
        .usesOf(id)
        .forEach(v -> out.addObject().put("subject", v.subject()).put("version", v.version()));
    return ok(out);
  }

  @GetMapping("/schemas/types")
  ResponseEntity<String> types() {
    return ok(strings(List.of("AVRO")));
  }

  @PostMapping("/compatibility/subjects/{subject}/versions/{version}")
  ResponseEntity<String> compatibility(
      @PathVariable String subject,
      @PathVariable String version,
      @RequestParam(defaultValue = "false") boolean verbose,
      @RequestBody(required = false) String body) {
    List<String> problems = registry.compatibilityProblems(subject, version, schemaOf(body));
    ObjectNode out = json.createObjectNode().put("is_compatible", problems.isEmpty());
    if (verbose) {
      out.set("messages", strings(problems));
    }
    return ok(out);
  }

  @GetMapping("/config")
  ResponseEntity<String> globalConfig() {
    return ok(
        json.createObjectNode().put("compatibilityLevel", registry.compatibility(null).name()));
  }

  @PutMapping("/config")
  ResponseEntity<String> setGlobalConfig(@RequestBody(required = false) String body) {
    CompatibilityLevel level = levelOf(body);
    registry.setCompatibility(null, level);
    return ok(json.createObjectNode().put("compatibility", level.name()));
  }

  @GetMapping("/config/{subject}")
  ResponseEntity<String> subjectConfig(
      @PathVariable String subject, @RequestParam(defaultValue = "false") boolean defaultToGlobal) {
    CompatibilityLevel level =
        defaultToGlobal
            ? registry.compatibility(subject)
            : registry
                .subjectCompatibility(subject)
                .orElseThrow(() -> RegistryException.subjectConfigNotFound(subject));
    return ok(json.createObjectNode().put("compatibilityLevel", level.name()));
  }

  @PutMapping("/config/{subject}")
  ResponseEntity<String> setSubjectConfig(
      @PathVariable String subject, @RequestBody(required = false) String body) {
    CompatibilityLevel level = levelOf(body);
    registry.setCompatibility(subject, level);
    return ok(json.createObjectNode().put("compatibility", level.name()));
  }

  @DeleteMapping("/config/{subject}")
  ResponseEntity<String> deleteSubjectConfig(@PathVariable String subject) {
    return ok(
        json.createObjectNode()
            .put("compatibilityLevel", registry.clearCompatibility(subject).name()));
  }

  @GetMapping("/mode")
  ResponseEntity<String> mode() {
    return ok(json.createObjectNode().put("mode", "READWRITE"));
  }

  private ObjectNode versionNode(SchemaVersion v) {
    return json.createObjectNode()
        .put("subject", v.subject())
        .put("version", v.version())
        .put("id", v.id())
        .put("schema", v.schema());
  }

  private String schemaOf(String body) {
    JsonNode request = read(body);
    String type = request.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw RegistryException.invalidSchema(
          "Invalid schema: schema type "
              + type
              + " is not supported; this registry holds AVRO schemas only",
          null);
    }
    if (request.path("references").isArray() && !request.path("references").isEmpty()) {
      throw RegistryException.invalidSchema(
          "Invalid schema: schema references are not supported; register self-contained schemas",
          null);
    }
    JsonNode schema = request.path("schema");
    if (!schema.isTextual()) {
      throw RegistryException.invalidSchema(
          "Invalid schema: the request body needs a \"schema\" string", null);
    }
    return schema.asText();
  }

  private CompatibilityLevel levelOf(String body) {
    String level = read(body).path("compatibility").asText("");
    try {
      return CompatibilityLevel.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw RegistryException.invalidCompatibilityLevel(level);
    }
  }

  private JsonNode read(String body) {
    if (body == null || body.isBlank()) {
      throw RegistryException.badRequest("The request has no JSON body");
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw RegistryException.badRequest("The request body is not JSON: " + e.getOriginalMessage());
    }
  }

  private ArrayNode strings(List<String> values) {
    ArrayNode out = json.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  private static ResponseEntity<String> ok(JsonNode body) {
    return ResponseEntity.ok().contentType(REGISTRY_JSON).body(body.toString());
  }
}
