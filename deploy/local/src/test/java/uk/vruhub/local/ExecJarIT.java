package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * What ships is what runs: the jar {@code ./hub} starts holds no test library, neither as a jar in
 * {@code BOOT-INF/lib} nor as classes inside another jar or the hub's own. The root pom's enforcer
 * rule ({@code ban-test-libraries-at-runtime}) checks the dependency tree before anything is built;
 * this checks what was really packaged, so a copy shaded into another jar, a jar a plugin added, or
 * a loosened rule is caught too. An {@code IT} because failsafe runs after {@code package}, when
 * the Boot plugin has written the jar; the pom passes its path in {@code hub.local.exec-jar}.
 */
class ExecJarIT {

  private static final String LIB = "BOOT-INF/lib/";
  private static final String CLASSES = "BOOT-INF/classes/";

  /**
   * Test libraries: each by the name the Boot plugin gives its jar (artifactId-version) and by the
   * folder its classes live in. A test-jar holds a module's own packages, so only its name tells.
   */
  private static final List<TestLibrary> TEST_LIBRARIES =
      List.of(
          new TestLibrary("JUnit", "junit-.*", "org/junit/"),
          new TestLibrary("opentest4j", "opentest4j-.*", "org/opentest4j/"),
          new TestLibrary("Testcontainers", "testcontainers-.*", "org/testcontainers/"),
          new TestLibrary(
              "spring-kafka-test", "spring-kafka-test-.*", "org/springframework/kafka/test/"),
          new TestLibrary("spring-test", "spring-test-.*", "org/springframework/test/"),
          new TestLibrary(
              "Spring Boot's test modules",
              "spring-boot-(.+-)?test-.*",
              "org/springframework/boot/test/"),
          new TestLibrary("Awaitility", "awaitility-.*", "org/awaitility/"),
          new TestLibrary("AssertJ", "assertj-.*", "org/assertj/"),
          new TestLibrary("Mockito", "mockito-.*", "org/mockito/"),
          new TestLibrary("Hamcrest", "(java-)?hamcrest-.*", "org/hamcrest/"),
          new TestLibrary("ArchUnit", "archunit-.*", "com/tngtech/archunit/"),
          new TestLibrary("jqwik", "jqwik-.*", "net/jqwik/"),
          new TestLibrary("testkit", "testkit-.*", "uk/vruhub/testkit/"),
          new TestLibrary("a module's test-jar", ".*-tests\\.jar", null));

  @Test
  void theHubsJarHoldsNoTestLibrary() throws IOException {
    String property = System.getProperty("hub.local.exec-jar");
    assertThat(property)
        .as("hub.local.exec-jar (set by deploy/local's pom for failsafe)")
        .isNotBlank();
    Path jar = Path.of(property);
    assertThat(jar).as("./hub's jar; the package phase builds it").isRegularFile();

    List<String> libs = new ArrayList<>();
    Set<String> found = new TreeSet<>();
    boolean sawGenerator = false;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (name.startsWith(LIB) && name.endsWith(".jar")) {
          String file = name.substring(LIB.length());
          libs.add(file);
          for (TestLibrary library : TEST_LIBRARIES) {
            if (library.jar().matcher(file).matches()) {
              found.add(name + ": " + library.name());
            }
          }
          try (ZipInputStream nested = new ZipInputStream(zip.getInputStream(entry))) {
            sawGenerator |= scanClasses(name, nested, found);
          }
        } else if (name.startsWith(CLASSES)) {
          check(CLASSES, name.substring(CLASSES.length()), found);
        }
      }
    }

    // The demo's generator is inside, so the scan did read the nested jars.
    assertThat(sawGenerator)
        .as(
            "uk/vruhub/synth/Generator.class in one of BOOT-INF/lib's %d jars: %s",
            libs.size(), libs)
        .isTrue();
    assertThat(found)
        .as(
            "test libraries in %s, of its %d jars (give the dependency <scope>test</scope>; the"
                + " enforcer rule ban-test-libraries-at-runtime names the path)",
            jar, libs.size())
        .isEmpty();
  }

  /** Records every test library whose classes the nested jar holds; true if it holds synth's. */
  private static boolean scanClasses(String jarName, ZipInputStream nested, Set<String> found)
      throws IOException {
    boolean generator = false;
    for (ZipEntry e = nested.getNextEntry(); e != null; e = nested.getNextEntry()) {
      check(jarName, e.getName(), found);
      generator |= e.getName().equals("uk/vruhub/synth/Generator.class");
    }
    return generator;
  }

  private static void check(String where, String entry, Set<String> found) {
    for (TestLibrary library : TEST_LIBRARIES) {
      if (library.classes() != null && entry.startsWith(library.classes())) {
        found.add(where + ": " + library.name() + " (" + library.classes() + ")");
      }
    }
  }

  /**
   * A test library.
   *
   * @param jar the whole file name of its jar in {@code BOOT-INF/lib}
   * @param classes the folder of its classes, or null where it has none of its own
   */
  private record TestLibrary(String name, Pattern jar, String classes) {
    TestLibrary(String name, String jar, String classes) {
      this(name, Pattern.compile(jar), classes);
    }
  }
}
