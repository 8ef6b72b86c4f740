package uk.vruhub.schemas.topics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The hub's topics, read from the one topic spec ({@value #RESOURCE} on the classpath, or a file an
 * operator names). Every producer, consumer, topology and deployment tool resolves topics here; no
 * other code holds a topic name.
 */
public final class TopicCatalogue {

  /** Classpath location of the shipped topic spec. */
  public static final String RESOURCE = "/uk/vruhub/schemas/topics.yaml";

  private final Map<String, TopicSpec> byId;
  private final List<TopicSpec> ordered;

  private TopicCatalogue(List<TopicSpec> topics) {
    Map<String, TopicSpec> map = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (TopicSpec topic : topics) {
      if (map.put(topic.id(), topic) != null) {
        throw new IllegalArgumentException("Topic spec declares id '" + topic.id() + "' twice");
      }
      String other = names.put(topic.name(), topic.id());
      if (other != null) {
        throw new IllegalArgumentException(
            "Topic spec gives ids '"
                + other
                + "' and '"
                + topic.id()
                + "' the same name "
                + topic.name());
      }
      topic.valueClass();
      if (topic.avroKey()) {
        topic.keyClass();
      }
    }
    this.byId = Map.copyOf(map);
    this.ordered = List.copyOf(topics);
  }

  /** The shipped topic spec. */
  public static TopicCatalogue load() {
    try (InputStream in = TopicCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Topic spec " + RESOURCE + " is missing from the classpath");
      }
      return parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read topic spec " + RESOURCE, e);
    }
  }

  /** A topic spec from a file, e.g. one with more partitions for a bigger cluster. */
  public static TopicCatalogue load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read topic spec " + file, e);
    }
  }

  private static TopicCatalogue parse(InputStream in, String source) throws IOException {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Spec spec = yaml.readValue(in, Spec.class);
    if (spec.topics() == null || spec.topics().isEmpty()) {
      throw new IllegalArgumentException("Topic spec " + source + " declares no topics");
    }
    return new TopicCatalogue(spec.topics());
  }

  private record Spec(List<TopicSpec> topics) {}

  /** Every topic, in the order of the spec. */
  public List<TopicSpec> all() {
    return ordered;
  }

  /** The topic with this logical id. */
  public TopicSpec byId(String id) {
    TopicSpec topic = byId.get(id);
    if (topic == null) {
      throw new NoSuchElementException(
          "No topic with id '" + id + "' in the topic spec; known: " + byId.keySet());
    }
    return topic;
  }

  /** The topic with this Kafka name. */
  public TopicSpec byName(String name) {
    return ordered.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("No topic named '" + name + "' in the topic spec"));
  }

  /** Logical ids of the shipped topics, so code never spells a topic id twice. */
  public static final class Ids {
    public static final String POLICE_CRIME_EVENTS = "police-crime-events";
    public static final String HEALTH_ED_ASSAULT_ATTENDANCES = "health-ed-assault-attendances";
    public static final String EDUCATION_SCHOOL_EVENTS = "education-school-events";
    public static final String POLICE_FEED_RECEIPTS = "police-feed-receipts";
    public static final String HEALTH_FEED_RECEIPTS = "health-feed-receipts";
    public static final String EDUCATION_FEED_RECEIPTS = "education-feed-receipts";
    public static final String HOTSPOTS = "hotspots";
    public static final String COHORT_SUMMARY = "cohort-summary";
    public static final String COHORT_PROFILES = "cohort-profiles";
    public static final String AUDIT = "audit";

    private Ids() {}
  }
}
