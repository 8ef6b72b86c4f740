package uk.vruhub.policy.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.hub.AreaLevel;
import uk.vruhub.avro.hub.PeriodType;
import uk.vruhub.policy.Fixtures;
import uk.vruhub.policy.model.Agreement;
import uk.vruhub.policy.model.FieldRule;
import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.PolicyParser;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.model.Treatment;

/**
 * Proves structurally that {@link PolicyDiff} misses nothing: every component of every model record
 * is named in {@link PolicyDiff#COMPARED}, and changing any one component of the shipped policy
 * (each value, each list element, each map entry, at every depth) yields at least one change in
 * both directions, made by a rule of its own, and not NEUTRAL unless the component is descriptive
 * text.
 */
class PolicyDiffCompletenessTest {

  /** The components whose changes are descriptive text only, so may be NEUTRAL. */
  private static final Set<String> DESCRIPTIVE =
      Set.of(
          name(Agreement.class, "name"),
          name(Agreement.class, "version"),
          name(Agreement.Approver.class, "role"),
          name(LevelRules.class, "name"),
          name(Recipient.class, "description"),
          name(FieldRule.class, "rationale"));

  private static final String PACKAGE = PolicyDocument.class.getPackageName();

  /** One policy with one component changed, and which component it was. */
  private record Variant(String path, String component, Object value) {}

  @Test
  void everyComponentOfEveryModelRecordHasARule() {
    Map<Class<?>, Set<String>> actual = new LinkedHashMap<>();
    for (Class<?> type : modelRecords()) {
      Set<String> components = new TreeSet<>();
      for (RecordComponent c : type.getRecordComponents()) {
        if (!PolicyDiff.NOT_COMPARED.containsKey(name(type, c.getName()))) {
          components.add(c.getName());
        }
      }
      actual.put(type, components);
    }
    for (Map.Entry<Class<?>, Set<String>> e : actual.entrySet()) {
      assertThat(new TreeSet<>(PolicyDiff.COMPARED.getOrDefault(e.getKey(), Set.of())))
          .as(
              "components of %s compared by PolicyDiff (add a rule for each, and name it in"
                  + " PolicyDiff.COMPARED)",
              e.getKey().getName())
          .isEqualTo(e.getValue());
    }
    assertThat(PolicyDiff.COMPARED.keySet())
        .as("PolicyDiff.COMPARED names only model records")
        .containsExactlyInAnyOrderElementsOf(actual.keySet());
  }

  @Test
  void changingAnyComponentOfThePolicyIsReportedByARuleInBothDirections() {
    PolicyDocument shipped =
        PolicyParser.parse(Fixtures.shippedText().getBytes(StandardCharsets.UTF_8), "x.yaml");
    Set<String> covered = new TreeSet<>();
    List<Variant> variants = nested(shipped, "policy", covered);
    List<String> problems = new ArrayList<>();
    for (Variant v : variants) {
      covered.add(v.component());
      PolicyDocument changed = (PolicyDocument) v.value();
      check(v, "old -> changed", PolicyDiff.between(shipped, changed), problems);
      check(v, "changed -> old", PolicyDiff.between(changed, shipped), problems);
    }
    assertThat(problems).as("changes missed or reported without a rule").isEmpty();

    Set<String> every = new TreeSet<>();
    for (Class<?> type : modelRecords()) {
      for (RecordComponent c : type.getRecordComponents()) {
        if (!PolicyDiff.NOT_COMPARED.containsKey(name(type, c.getName()))) {
          every.add(name(type, c.getName()));
        }
      }
    }
    assertThat(covered)
        .as("components the shipped policy let this test change (extend the fixture if not)")
        .containsAll(every);
    assertThat(variants.size()).isGreaterThan(300);
  }

  private static void check(
      Variant v, String direction, List<PolicyDiff.Change> changes, List<String> problems) {
    String at = v.path() + " (" + direction + ")";
    if (changes.isEmpty()) {
      problems.add(at + ": no change reported");
      return;
    }
    for (PolicyDiff.Change c : changes) {
      if (c.what().endsWith(PolicyDiff.NO_RULE)) {
        problems.add(at + ": reported without a rule: " + c);
      }
    }
    if (!DESCRIPTIVE.contains(v.component())
        && changes.stream().allMatch(c -> c.direction() == PolicyDiff.Direction.NEUTRAL)) {
      problems.add(at + ": only NEUTRAL changes for a component that is not descriptive");
    }
  }

  // ---- the model's record types ----------------------------------------------------------------

  private static Set<Class<?>> modelRecords() {
    Set<Class<?>> out = new java.util.LinkedHashSet<>();
    collect(PolicyDocument.class, out);
    for (Class<?> c : Treatment.class.getDeclaredClasses()) {
      collect(c, out);
    }
    return out;
  }

  private static void collect(Type type, Set<Class<?>> out) {
    if (type instanceof ParameterizedType p) {
      Arrays.stream(p.getActualTypeArguments()).forEach(t -> collect(t, out));
      collect(p.getRawType(), out);
      return;
    }
    if (!(type instanceof Class<?> c) || !c.getPackageName().equals(PACKAGE)) {
      return;
    }
    if (c.isInterface() && c == Treatment.class) {
      for (Class<?> inner : c.getDeclaredClasses()) {
        collect(inner, out);
      }
      return;
    }
    if (c.isRecord() && out.add(c)) {
      for (RecordComponent rc : c.getRecordComponents()) {
        if (!PolicyDiff.NOT_COMPARED.containsKey(name(c, rc.getName()))) {
          collect(rc.getGenericType(), out);
        }
      }
    }
  }

  private static String name(Class<?> type, String component) {
    String outer = type.getEnclosingClass() == null ? "" : type.getEnclosingClass().getSimpleName();
    return (outer.isEmpty() ? "" : outer + ".") + type.getSimpleName() + "." + component;
  }

  // ---- mutations -------------------------------------------------------------------------------

  /**
   * Every variant of a value made by changing one component somewhere inside it (not the value as a
   * whole): for a record, each component changed directly and each change inside it; for a list or
   * map, each change inside an element.
   */
  private static List<Variant> nested(Object value, String path, Set<String> reached) {
    List<Variant> out = new ArrayList<>();
    if (value instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        String component = name(r.getClass(), c.getName());
        if (PolicyDiff.NOT_COMPARED.containsKey(component)) {
          continue;
        }
        Object v = get(c, r);
        String at = path + "." + c.getName();
        for (Object changed : direct(v, c.getGenericType())) {
          out.add(new Variant(at, component, with(r, c, changed)));
        }
        for (Variant inner : nested(v, at, reached)) {
          reached.add(component);
          out.add(new Variant(inner.path(), inner.component(), with(r, c, inner.value())));
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        for (Variant inner : nested(list.get(i), path + "[" + i + "]", reached)) {
          List<Object> copy = new ArrayList<>(list);
          copy.set(i, inner.value());
          out.add(new Variant(inner.path(), inner.component(), copy));
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        for (Variant inner : nested(map.get(key), path + "[" + key + "]", reached)) {
          Map<Object, Object> copy = new LinkedHashMap<>(map);
          copy.put(key, inner.value());
          out.add(new Variant(inner.path(), inner.component(), copy));
        }
      }
    }
    return out;
  }

  /**
   * Values that replace a component's value as a whole: a plain value changed (or set when absent);
   * a list with its last element dropped, a text element added, or a plain element changed; a map
   * with its first entry dropped or a plain value changed.
   */
  private static List<Object> direct(Object value, Type type) {
    Class<?> raw = raw(type);
    if (value == null) {
      Object set = plain(null, raw);
      return set == null ? List.of() : List.of(set);
    }
    if (value instanceof List<?> list) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>();
      if (!list.isEmpty()) {
        out.add(new ArrayList<>(list.subList(0, list.size() - 1)));
      }
      if (element == String.class) {
        List<Object> more = new ArrayList<>(list);
        more.add("added-value");
        out.add(more);
      }
      for (int i = 0; i < list.size(); i++) {
        Object changed = plain(list.get(i), raw(element));
        if (changed != null) {
          List<Object> copy = new ArrayList<>(list);
          copy.set(i, changed);
          out.add(copy);
        }
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
      List<Object> out = new ArrayList<>();
      if (!map.isEmpty()) {
        Map<Object, Object> fewer = new LinkedHashMap<>(map);
        fewer.remove(map.keySet().iterator().next());
        out.add(fewer);
      }
      for (Object key : map.keySet()) {
        Object changed = plain(map.get(key), raw(valueType));
        if (changed != null) {
          Map<Object, Object> copy = new LinkedHashMap<>(map);
          copy.put(key, changed);
          out.add(copy);
        }
      }
      return out;
    }
    if (value instanceof Treatment) {
      return SAMPLES.stream()
          .filter(t -> t.getClass() != value.getClass())
          .map(t -> (Object) t)
          .toList();
    }
    Object changed = plain(value, raw);
    return changed == null ? List.of() : List.of(changed);
  }

  /** One treatment of each kind, to replace a field's treatment by another kind. */
  private static final List<Treatment> SAMPLES =
      List.of(
          new Treatment.Keep(List.of()),
          new Treatment.Pseudonymise("vru-analyst"),
          new Treatment.AgeBand(
              List.of(new Treatment.Band(0, 17, "0-17"), new Treatment.Band(18, null, "18+"))),
          new Treatment.GeneraliseArea(AreaLevel.WARD),
          new Treatment.TruncateTime(PeriodType.MONTH, null),
          new Treatment.Count(5, null, null),
          new Treatment.TopCode(10),
          new Treatment.Derive(Treatment.Derivation.AREA_LEVEL, "areaCode", null));

  /** A different plain value of the type, or null when the type is not a plain value. */
  private static Object plain(Object value, Class<?> type) {
    if (type == String.class) {
      return value == null ? "added" : value + "-changed";
    }
    if (type == int.class || type == Integer.class) {
      return value == null ? 3 : (Integer) value + 1;
    }
    if (type == boolean.class || type == Boolean.class) {
      return value == null || !(Boolean) value;
    }
    if (type == LocalDate.class) {
      return value == null ? LocalDate.of(2026, 6, 1) : ((LocalDate) value).plusDays(1);
    }
    if (type == Duration.class) {
      return value == null ? Duration.ofDays(30) : ((Duration) value).plusDays(1);
    }
    if (type.isEnum()) {
      Object[] all = type.getEnumConstants();
      return value == null ? all[0] : all[(((Enum<?>) value).ordinal() + 1) % all.length];
    }
    return null;
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  private static Object get(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a record with one component replaced. */
  private static Record with(Record r, RecordComponent changed, Object value) {
    RecordComponent[] components = r.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = components[i].getName().equals(changed.getName()) ? value : get(components[i], r);
    }
    try {
      return (Record) r.getClass().getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + r.getClass(), e);
    }
  }
}
