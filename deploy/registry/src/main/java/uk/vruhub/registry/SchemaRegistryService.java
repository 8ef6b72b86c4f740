package uk.vruhub.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import uk.vruhub.registry.store.LogEntry;
import uk.vruhub.registry.store.SchemaLog;
import uk.vruhub.schemas.registry.CompatibilityLevel;

/**
 * The registry's rules: the same schema text gets the same id in every subject, a subject's
 * versions count up from 1, and a new version must keep the subject's compatibility level (BACKWARD
 * unless configured). Every change goes to the {@link SchemaLog} before it takes effect, so what a
 * client was told survives a restart.
 *
 * <p>Thread-safe: reads and writes are serialised, which is ample for a registry that is asked once
 * per schema per client process.
 */
public final class SchemaRegistryService {

  private final SchemaLog log;
  private final CompatibilityLevel defaultLevel;

  private final Map<String, List<SchemaVersion>> subjects = new TreeMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  /** Replays the log; the registry answers only after it has every stored entry. */
  public SchemaRegistryService(SchemaLog log, CompatibilityLevel defaultLevel) {
    this.log = log;
    this.defaultLevel = defaultLevel;
    this.globalLevel = defaultLevel;
    log.replay(this::apply);
  }

  private void apply(LogEntry entry) {
    if (entry instanceof LogEntry.SchemaRegistered s) {
      List<SchemaVersion> versions = subjects.computeIfAbsent(s.subject(), k -> new ArrayList<>());
      String canonical = canonical(s.schema());
      versions.removeIf(v -> v.version() == s.version());
      versions.add(new SchemaVersion(s.subject(), s.version(), s.id(), canonical));
      versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
      schemasById.putIfAbsent(s.id(), canonical);
      idsBySchema.putIfAbsent(canonical, s.id());
      maxId = Math.max(maxId, s.id());
    } else if (entry instanceof LogEntry.CompatibilitySet c) {
      if (c.subject() == null) {
        globalLevel = c.level() == null ? defaultLevel : c.level();
      } else if (c.level() == null) {
        subjectLevels.remove(c.subject());
      } else {
        subjectLevels.put(c.subject(), c.level());
      }
    }
  }

  /**
   * Registers a schema under a subject and returns its id; the same schema twice gives the same id.
   */
  public synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    List<SchemaVersion> versions = subjects.getOrDefault(subject, List.of());
    for (SchemaVersion v : versions) {
      if (v.schema().equals(canonical)) {
        return v.id();
      }
    }
    List<String> problems =
        Compatibility.problems(
            compatibility(subject), schema, versions.stream().map(v -> parse(v.schema())).toList());
    if (!problems.isEmpty()) {
      throw RegistryException.incompatible(
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\" under compatibility level "
              + compatibility(subject)
              + ", details: "
              + problems);
    }
    int id = idsBySchema.getOrDefault(canonical, maxId + 1);
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    LogEntry entry = new LogEntry.SchemaRegistered(subject, version, id, canonical);
    log.append(entry);
    apply(entry);
    return id;
  }

  /** The version of the subject holding exactly this schema. */
  public synchronized SchemaVersion lookup(String subject, String schemaText) {
    List<SchemaVersion> versions = existing(subject);
    String canonical = parse(schemaText).toString();
    return versions.stream()
        .filter(v -> v.schema().equals(canonical))
        .findFirst()
        .orElseThrow(
            () ->
                RegistryException.schemaNotFound(
                    "Schema not found under subject '" + subject + "'."));
  }

  /** The schema with this id. */
  public synchronized String schemaById(int id) {
    String schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryException.schemaNotFound("Schema " + id + " not found.");
    }
    return schema;
  }

  /** Every subject/version pair that uses the schema id. */
  public synchronized List<SchemaVersion> usesOf(int id) {
    schemaById(id);
    List<SchemaVersion> out = new ArrayList<>();
    subjects.values().forEach(vs -> vs.stream().filter(v -> v.id() == id).forEach(out::add));
    return out;
  }

  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  public synchronized List<Integer> versions(String subject) {
    return existing(subject).stream().map(SchemaVersion::version).toList();
  }

  /** A version of a subject: a number, or {@code latest} / {@code -1} for the newest. */
  public synchronized SchemaVersion version(String subject, String version) {
    List<SchemaVersion> versions = existing(subject);
    if ("latest".equals(version) || "-1".equals(version)) {
      return versions.get(versions.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RegistryException.invalidVersion(version);
    }
    if (number < 1) {
      throw RegistryException.invalidVersion(version);
    }
    return versions.stream()
        .filter(v -> v.version() == number)
        .findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(subject, number));
  }

  /**
   * Whether a schema could be registered after the given version under the subject's level; the
   * problems when not.
   */
  public synchronized List<String> compatibilityProblems(
      String subject, String version, String schemaText) {
    Schema candidate = parse(schemaText);
    List<SchemaVersion> versions = existing(subject);
    SchemaVersion against = version(subject, version);
    CompatibilityLevel level = compatibility(subject);
    List<Schema> earlier =
        level.transitive()
            ? versions.stream()
                .filter(v -> v.version() <= against.version())
                .map(v -> parse(v.schema()))
                .toList()
            : List.of(parse(against.schema()));
    return Compatibility.problems(level, candidate, earlier);
  }

  /** The level in force for a subject: its own, or the registry's. */
  public synchronized CompatibilityLevel compatibility(String subject) {
    return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** The subject's own level, if it has one. */
  public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** Sets the level of a subject, or of the registry when subject is null. */
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    LogEntry entry = new LogEntry.CompatibilitySet(subject, level);
    log.append(entry);
    apply(entry);
  }

  /** Removes a subject's own level, so the registry's applies again. */
  public synchronized CompatibilityLevel clearCompatibility(String subject) {
    CompatibilityLevel previous = subjectLevels.get(subject);
    if (previous == null) {
      throw RegistryException.subjectConfigNotFound(subject);
    }
    LogEntry entry = new LogEntry.CompatibilitySet(subject, null);
    log.append(entry);
    apply(entry);
    return previous;
  }

  /** Null when the store is reachable, otherwise why not. */
  public String storeProblem() {
    return log.problem();
  }

  private List<SchemaVersion> existing(String subject) {
    List<SchemaVersion> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  /** The form schemas are compared and stored in: parsed and printed, docs and properties kept. */
  private static String canonical(String schemaText) {
    return parse(schemaText).toString();
  }

  private static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryException.invalidSchema("Invalid schema: the request has no schema", null);
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException e) {
      throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage(), e);
    }
  }
}
