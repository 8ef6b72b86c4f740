package uk.vruhub.testkit.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs the hub's images in containers. Skipped where there is no Docker
 * engine or the named images were not built; a failure instead with {@code
 * -Dhub.it.docker.required=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("container")
@ExtendWith(DockerCondition.class)
public @interface ContainerTest {

  /** Service images the test needs besides the Kafka image ({@code registry}, ...). */
  String[] images() default {};
}
