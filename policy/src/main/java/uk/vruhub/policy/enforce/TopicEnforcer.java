package uk.vruhub.policy.enforce;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.policy.model.Treatment;
import uk.vruhub.policy.validate.AvroTypes;
import uk.vruhub.schemas.HubSchemas;
import uk.vruhub.schemas.topics.TopicSpec;

/**
 * Builds the records of one output topic from source values, field by field as the policy says. The
 * same code serves every topic: a field is published only when the policy has an entry for it, and
 * only after its treatment. Plans are compiled once at start-up; building a record is a pass over
 * an array. Thread-safe.
 */
public final class TopicEnforcer {

  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final TopicSpec spec;
  private final TopicRules rules;
  private final AreaHierarchy areas;
  private final Schema valueSchema;
  private final Schema keySchema;
  private final SpecificData valueData;
  private final SpecificData keyData;
  private final Plan[] plans;
  private final int[] keyIndexes;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final Map<String, ThreadLocal<Mac>> macs = new HashMap<>();

  /**
   * A compiled field: where it goes, where it comes from, what is done to it, and what its schema
   * says (looked up once here, not for every record built).
   */
  private record Plan(
      int index,
      String field,
      String source,
      Treatment treatment,
      Schema schema,
      int order,
      boolean nullable,
      Schema enumSchema) {}

  TopicEnforcer(TopicSpec spec, TopicRules rules, AreaHierarchy areas, RecipientSecrets secrets) {
    this.spec = spec;
    this.rules = rules;
    this.areas = areas;
    this.valueSchema = HubSchemas.schemaOf(spec.valueClass());
    this.valueData = SpecificData.getForClass(spec.valueClass());
    this.keySchema = spec.avroKey() ? HubSchemas.schemaOf(spec.keyClass()) : null;
    this.keyData = spec.avroKey() ? SpecificData.getForClass(spec.keyClass()) : null;
    List<Plan> compiled = new ArrayList<>();
    for (Schema.Field field : valueSchema.getFields()) {
      FieldRule rule = rules.fields().get(field.name());
      indexOf.put(field.name(), field.pos());
      compiled.add(
          new Plan(
              field.pos(),
              field.name(),
              rule.source(),
              rule.treatment(),
              field.schema(),
              order(rule.treatment()),
              AvroTypes.nullable(field.schema()),
              AvroTypes.base(field.schema()).getType() == Schema.Type.ENUM
                  ? AvroTypes.base(field.schema())
                  : null));
      if (rule.treatment() instanceof Treatment.Pseudonymise p) {
        byte[] secret =
            secrets
                .secret(p.recipient())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "No pseudonymisation secret for recipient '"
                                + p.recipient()
                                + "' (topic "
                                + spec.id()
                                + "): put it in a file named "
                                + p.recipient()
                                + " in the recipient secrets directory, or in HUB_RECIPIENT_SECRET_"
                                + p.recipient()
                                    .toUpperCase(java.util.Locale.ROOT)
                                    .replace('-', '_')));
        if (secret.length < RecipientSecrets.MINIMUM_BYTES) {
          throw new IllegalStateException(
              "The pseudonymisation secret of recipient '"
                  + p.recipient()
                  + "' is shorter than "
                  + RecipientSecrets.MINIMUM_BYTES
                  + " bytes; use a random 32-byte or longer secret");
        }
        macs.put(field.name(), ThreadLocal.withInitial(() -> mac(secret)));
      }
    }
    compiled.sort((a, b) -> Integer.compare(a.order(), b.order()));
    this.plans = compiled.toArray(Plan[]::new);
    this.keyIndexes = rules.key().stream().mapToInt(indexOf::get).toArray();
  }

  /** Fields whose treatment reads other fields are computed after those. */
  private static int order(Treatment t) {
    if (t instanceof Treatment.Derive) {
      return 2;
    }
    if (t instanceof Treatment.TruncateTime tt && tt.unitFrom() != null) {
      return 1;
    }
    return 0;
  }

  public String topicId() {
    return spec.id();
  }

  public TopicSpec spec() {
    return spec;
  }

  /** The level the topic is published at. */
  public int level() {
    return rules.level();
  }

  /**
   * The area a grouping dimension must be counted at, before aggregation: the same generalisation
   * the field's treatment applies, so counts are made at the published level and never finer.
   */
  public String generaliseArea(String field, String code) {
    Treatment.GeneraliseArea g = treatment(field, Treatment.GeneraliseArea.class);
    return code == null ? null : areas.generalise(code, g.level());
  }

  /** The level areas of a field are published at. */
  public AreaLevel areaLevel(String field) {
    return treatment(field, Treatment.GeneraliseArea.class).level();
  }

  /** The age band of an age, as the field's treatment publishes it ({@code unknown} for null). */
  public String ageBand(String field, Integer age) {
    return band(field, treatment(field, Treatment.AgeBand.class), age);
  }

  /** The period types a field may be published with (e.g. WEEK and MONTH for hotspot cells). */
  public List<PeriodType> periodTypes(String field) {
    return treatment(field, Treatment.Keep.class).allowed().stream()
        .map(PeriodType::valueOf)
        .toList();
  }

  private <T extends Treatment> T treatment(String field, Class<T> type) {
    FieldRule rule = rules.fields().get(field);
    if (rule == null || !type.isInstance(rule.treatment())) {
      throw new IllegalArgumentException(
          "The policy of topic '"
              + spec.id()
              + "' does not "
              + type.getSimpleName()
              + " field '"
              + field
              + "'");
    }
    return type.cast(rule.treatment());
  }

  /** Builds one record from source values (names from {@code Sources}). */
  public Enforced enforce(Map<String, Object> sources) {
    return enforce(sources, Set.of());
  }

  /**
   * As {@link #enforce(Map)}, with the count fields named in {@code withheld} suppressed whatever
   * their value: secondary (complementary) suppression, for a count that would let a reader work
   * out a suppressed one by subtraction. A withheld count is published exactly as a small one is,
   * so a reader cannot tell the two apart.
   */
  public Enforced enforce(Map<String, Object> sources, Set<String> withheld) {
    Object[] out = new Object[plans.length];
    boolean[] suppressed = new boolean[plans.length];
    List<String> suppressedNames = List.of();
    for (Plan plan : plans) {
      Object value =
          apply(
              plan,
              plan.source() == null ? null : sources.get(plan.source()),
              sources,
              out,
              suppressed,
              withheld);
      if (value == null && !plan.nullable()) {
        throw new EnforcementException(
            spec.id(),
            plan.field(),
            "no value (source '" + plan.source() + "' is missing), and the field is required");
      }
      out[plan.index()] = value;
      if (suppressed[plan.index()]) {
        suppressedNames = suppressedNames.isEmpty() ? new ArrayList<>() : suppressedNames;
        suppressedNames.add(plan.field());
      }
    }
    SpecificRecord value = (SpecificRecord) valueData.newRecord(null, valueSchema);
    for (int i = 0; i < out.length; i++) {
      value.put(i, out[i]);
    }
    return new Enforced(
        key(out), value, suppressedNames.isEmpty() ? List.of() : List.copyOf(suppressedNames));
  }

  /**
   * Only the key a record with these source values would have: for a tombstone, whose value is
   * gone, under the same treatment (e.g. the same recipient pseudonym) as the record it withdraws.
   */
  public Object keyFor(Map<String, Object> sources) {
    Object[] out = new Object[plans.length];
    boolean[] suppressed = new boolean[plans.length];
    java.util.Set<Integer> wanted = new java.util.HashSet<>();
    for (int index : keyIndexes) {
      wanted.add(index);
    }
    for (Plan plan : plans) {
      if (plan.treatment() instanceof Treatment.TruncateTime tt
          && tt.unitFrom() != null
          && wanted.contains(plan.index())) {
        wanted.add(indexOf.get(tt.unitFrom()));
      }
    }
    for (Plan plan : plans) {
      if (wanted.contains(plan.index())) {
        out[plan.index()] =
            apply(
                plan,
                plan.source() == null ? null : sources.get(plan.source()),
                sources,
                out,
                suppressed,
                Set.of());
        if (out[plan.index()] == null) {
          throw new EnforcementException(
              spec.id(),
              plan.field(),
              "no value for the key (source '" + plan.source() + "' is missing)");
        }
      }
    }
    return key(out);
  }

  private Object key(Object[] out) {
    if (keySchema == null) {
      return String.valueOf(out[keyIndexes[0]]);
    }
    SpecificRecord key = (SpecificRecord) keyData.newRecord(null, keySchema);
    for (int i = 0; i < keyIndexes.length; i++) {
      key.put(i, out[keyIndexes[i]]);
    }
    return key;
  }

  private Object apply(
      Plan plan,
      Object value,
      Map<String, Object> sources,
      Object[] out,
      boolean[] suppressed,
      Set<String> withheld) {
    Treatment t = plan.treatment();
    if (t instanceof Treatment.Keep keep) {
      return keep(plan, keep, value);
    }
    if (t instanceof Treatment.Count count) {
      return count(plan, count, value, suppressed, withheld.contains(plan.field()));
    }
    if (t instanceof Treatment.GeneraliseArea g) {
      return value == null ? null : generalise(plan, (String) value, g.level());
    }
    if (t instanceof Treatment.TruncateTime tt) {
      if (value == null) {
        return null;
      }
      PeriodType unit =
          tt.unit() != null ? tt.unit() : (PeriodType) out[indexOf.get(tt.unitFrom())];
      return Periods.start(date(plan, value), unit);
    }
    if (t instanceof Treatment.AgeBand bands) {
      return band(plan.field(), bands, value);
    }
    if (t instanceof Treatment.TopCode top) {
      return value == null ? null : Math.min(number(plan, value), top.max());
    }
    if (t instanceof Treatment.Pseudonymise) {
      return value == null ? null : pseudonym(plan.field(), value.toString());
    }
    if (t instanceof Treatment.Derive d) {
      return derive(d, sources, out, suppressed);
    }
    throw new EnforcementException(spec.id(), plan.field(), "unsupported treatment " + t.kind());
  }

  private Object keep(Plan plan, Treatment.Keep keep, Object value) {
    if (value == null) {
      return null;
    }
    if (plan.enumSchema() != null && value instanceof String s) {
      value = valueData.createEnum(s, plan.enumSchema());
    }
    if (!keep.allowed().isEmpty() && !keep.allowed().contains(value.toString())) {
      throw new EnforcementException(
          spec.id(),
          plan.field(),
          "value " + value + " is not one the policy allows (" + keep.allowed() + ")");
    }
    return value;
  }

  private Integer count(
      Plan plan, Treatment.Count count, Object value, boolean[] suppressed, boolean withheld) {
    if (value == null) {
      return null;
    }
    int n = number(plan, value);
    if (n < 0) {
      throw new EnforcementException(spec.id(), plan.field(), "a count cannot be negative");
    }
    if (withheld || (n < count.suppressBelow() && (n > 0 || count.suppressZero()))) {
      suppressed[plan.index()] = true;
      return count.suppressedAs();
    }
    return count.rounded(n);
  }

  private Object derive(
      Treatment.Derive d, Map<String, Object> sources, Object[] out, boolean[] suppressed) {
    int of = indexOf.get(d.of());
    return switch (d.derivation()) {
      case AREA_LEVEL -> out[of] == null ? null : areas.levelOf((String) out[of]);
      case SUPPRESSED -> suppressed[of];
      case RATE_PER_10K -> {
        Object population = sources.get(d.population());
        if (suppressed[of]
            || out[of] == null
            || !(population instanceof Number p)
            || p.longValue() <= 0) {
          yield null;
        }
        double rate = ((Number) out[of]).doubleValue() * 10_000.0 / p.doubleValue();
        yield Math.round(rate * 100.0) / 100.0;
      }
    };
  }

  private String generalise(Plan plan, String code, AreaLevel level) {
    if (!areas.contains(code)) {
      throw new EnforcementException(
          spec.id(),
          plan.field(),
          "area code " + code + " is not in the area lookup, so its level cannot be checked");
    }
    return areas.generalise(code, level);
  }

  private static String band(String field, Treatment.AgeBand bands, Object value) {
    if (value == null) {
      return "unknown";
    }
    if (value instanceof String label) {
      for (Treatment.Band b : bands.bands()) {
        if (b.label().equals(label)) {
          return label;
        }
      }
      if ("unknown".equals(label)) {
        return label;
      }
      throw new IllegalArgumentException("'" + label + "' is not an age band of field " + field);
    }
    int age = ((Number) value).intValue();
    for (Treatment.Band b : bands.bands()) {
      if (b.contains(age)) {
        return b.label();
      }
    }
    return "unknown";
  }

  private LocalDate date(Plan plan, Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof Instant i) {
      return LocalDate.ofInstant(i, UK);
    }
    throw new EnforcementException(
        spec.id(), plan.field(), "expected a date, got " + value.getClass().getSimpleName());
  }

  private int number(Plan plan, Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw new EnforcementException(
        spec.id(), plan.field(), "expected a number, got " + value.getClass().getSimpleName());
  }

  private String pseudonym(String field, String value) {
    Mac mac = macs.get(field).get();
    return BASE64URL.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static Mac mac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
